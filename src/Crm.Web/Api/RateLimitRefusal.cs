using Microsoft.AspNetCore.RateLimiting;

namespace Crm.Web.Api;

/// <summary>
/// What a rate-limited endpoint answers when a caller goes over its limit: 429 with the endpoint's own
/// code and message (given as endpoint metadata), and when to try again.
/// </summary>
public sealed record RateLimitRefusal(string Code, string Message)
{
    public static void Handle(RateLimiterOptions options) => options.OnRejected = async (context, cancellationToken) =>
    {
        var refusal = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<RateLimitRefusal>()
            ?? new RateLimitRefusal("too_many_requests", "Too many requests: please wait a minute and try again.");
        context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.HttpContext.Response.Headers.RetryAfter = "60";
        await context.HttpContext.Response.WriteAsJsonAsync(
            CrmProblemHandler.Problem(StatusCodes.Status429TooManyRequests, refusal.Code, refusal.Message), cancellationToken);
    };
}
