using System.Diagnostics;
using System.Globalization;

namespace OneToOne.Platform.Web;

/// <summary>
/// A Server-Timing header ("app;dur=12.34", milliseconds) on every response while the load test runs, so the bench can
/// report the time the server spent apart from the loopback and the queue in front of Kestrel (wrk's latency includes both).
/// Only with Bench:Enabled: in production the header would tell every caller how long its request took inside.
/// </summary>
internal static class ServerTiming
{
    public const string Header = "Server-Timing";

    /// <summary>Call first in the pipeline, so the time covers every middleware after it.</summary>
    public static IApplicationBuilder UseServerTiming(this IApplicationBuilder app, IConfiguration configuration)
    {
        if (!configuration.GetValue<bool>("Bench:Enabled"))
        {
            return app;
        }

        return app.Use((context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            // Set when the headers go out: the body of a page is written after, so this is the time to the first byte.
            context.Response.OnStarting(() =>
            {
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                context.Response.Headers[Header] = string.Create(CultureInfo.InvariantCulture, $"app;dur={ms:F2}");
                return Task.CompletedTask;
            });
            return next(context);
        });
    }
}
