using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace OneToOne.Platform.Errors;

/// <summary>A request that breaks a rule or loses a race gets a clear ProblemDetails, never a stack trace.</summary>
internal sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        (int status, string title, string? detail) = exception switch
        {
            DbUpdateConcurrencyException => (StatusCodes.Status409Conflict, "Someone else changed this record",
                "The record was changed by someone else after you opened it. Reload it and make your change again."),
            BadHttpRequestException bad => (bad.StatusCode, "The request could not be read", bad.Message),
            _ => (0, "", null),
        };
        if (status == 0)
        {
            return false;
        }

        http.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
