using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace OneToOne.Tests.Infrastructure;

/// <summary>A throwaway PostgreSQL cluster for this test run: initdb into a temp folder, start on a free
/// loopback port, one database per test app, removed at exit. Never skipped: if PostgreSQL is missing,
/// tests fail and say how to install it (.ci/run does).</summary>
public static class PostgresServer
{
    private static readonly Lazy<(string Host, int Port)> Server = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);
    private static string? _dataDir;
    private static string? _bin;
    private static int _counter;

    public static string NewDatabaseConnectionString()
    {
        var (host, port) = Server.Value;
        var name = string.Create(CultureInfo.InvariantCulture, $"o2o_test_{Environment.ProcessId}_{Interlocked.Increment(ref _counter)}");
        return $"Host={host};Port={port};Username=postgres;Database={name};Pooling=true;Maximum Pool Size=20";
    }

    private static (string, int) Start()
    {
        _bin = FindBin() ?? throw new InvalidOperationException(
            "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin. Install with: apt-get install -y postgresql");
        _dataDir = Path.Combine(Path.GetTempPath(), "o2o-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_dataDir);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            Run("chown", $"postgres:postgres {_dataDir}");
        }

        RunPg("initdb", $"-D {_dataDir} -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync", asRoot);
        var port = FreePort();
        RunPg("pg_ctl", string.Create(CultureInfo.InvariantCulture,
            $"-D {_dataDir} -w -l {_dataDir}/log.txt -o \"-p {port} -k {_dataDir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300\" start"), asRoot);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(asRoot);
        return ("127.0.0.1", port);
    }

    private static void Stop(bool asRoot)
    {
        try
        {
            RunPg("pg_ctl", $"-D {_dataDir} -m immediate stop", asRoot);
            Directory.Delete(_dataDir!, recursive: true);
        }
        catch (InvalidOperationException)
        {
            // Best effort at exit: a leftover temp folder is harmless.
        }
        catch (IOException)
        {
        }
    }

    private static string? FindBin()
    {
        const string root = "/usr/lib/postgresql";
        return Directory.Exists(root)
            ? Directory.GetDirectories(root).Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault()
            : null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void RunPg(string tool, string args, bool asRoot) =>
        Run(asRoot ? "runuser" : Path.Combine(_bin!, tool), asRoot ? $"-u postgres -- {Path.Combine(_bin!, tool)} {args}" : args);

    private static void Run(string file, string args)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        })!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {args} failed ({p.ExitCode}): {stderr} {stdout.Result}");
        }
    }
}
