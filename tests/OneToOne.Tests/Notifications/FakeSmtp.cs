using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OneToOne.Tests.Notifications;

/// <summary>A tiny SMTP server on 127.0.0.1 for tests: enough of RFC 5321 for MailKit to send a message (EHLO, MAIL,
/// RCPT, DATA, QUIT), recording what arrives. A test can script the reply to a recipient (e.g. "550 5.1.1 No such
/// user" or "451 4.3.0 Try again later").</summary>
public sealed class FakeSmtp : IAsyncDisposable
{
    public sealed record Mail(string From, IReadOnlyList<string> To, string Data)
    {
        public string? Header(string name) => Data.Split("\r\n")
            .TakeWhile(l => l.Length > 0)
            .FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))?[(name.Length + 1)..].Trim();
    }

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _scripts = new(StringComparer.OrdinalIgnoreCase);
    private readonly Task _loop;

    public FakeSmtp()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _loop = AcceptLoopAsync();
    }

    public int Port { get; }

    public ConcurrentQueue<Mail> Received { get; } = new();

    public void Script(string recipient, params string[] replies) => _scripts[recipient] = new ConcurrentQueue<string>(replies);

    public IReadOnlyList<Mail> To(string recipient) => Received.Where(m => m.To.Contains(recipient, StringComparer.OrdinalIgnoreCase)).ToList();

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 localhost fake SMTP ready");
        string from = "";
        var to = new List<string>();
        try
        {
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                    case "HELO":
                        await writer.WriteLineAsync("250 localhost");
                        break;
                    case "MAIL":
                        from = Address(line);
                        to.Clear();
                        await writer.WriteLineAsync("250 2.1.0 OK");
                        break;
                    case "RCPT":
                        var recipient = Address(line);
                        if (_scripts.TryGetValue(recipient, out var script) && script.TryDequeue(out var reply))
                        {
                            await writer.WriteLineAsync(reply);
                        }
                        else
                        {
                            to.Add(recipient);
                            await writer.WriteLineAsync("250 2.1.5 OK");
                        }

                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync(_stop.Token) is { } dataLine && dataLine != ".")
                        {
                            data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                        }

                        Received.Enqueue(new Mail(from, [.. to], data.ToString()));
                        await writer.WriteLineAsync("250 2.0.0 OK queued");
                        break;
                    case "RSET":
                        to.Clear();
                        await writer.WriteLineAsync("250 2.0.0 OK");
                        break;
                    case "NOOP":
                        await writer.WriteLineAsync("250 2.0.0 OK");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 2.0.0 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("502 5.5.2 Command not recognised");
                        break;
                }
            }
        }
        catch (IOException)
        {
            // The client hung up.
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static string Address(string line)
    {
        var start = line.IndexOf('<', StringComparison.Ordinal);
        var end = line.IndexOf('>', StringComparison.Ordinal);
        return start >= 0 && end > start ? line[(start + 1)..end] : "";
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }
}
