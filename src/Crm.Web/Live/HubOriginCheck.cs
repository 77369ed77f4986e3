using Crm.Web.Access;

namespace Crm.Web.Live;

/// <summary>
/// Refuses hub requests (negotiate and WebSocket) that a browser sends from another site. WebSockets
/// are not covered by CORS and carry the sign-in cookie, so without this any page could open a live
/// connection as the visitor. Requests without an Origin header are not from a browser page and pass.
/// </summary>
public sealed class HubOriginCheck(RequestDelegate next, IConfiguration configuration)
{
    public const string AllowedOriginsKey = "Crm:AllowedOrigins";

    // The own origin is compared per request; configured ones (e.g. the public address behind a proxy) are read once.
    private readonly HashSet<string> _allowed = Configured(configuration.GetSection(AllowedOriginsKey));

    public Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments(ApiTokenAuthentication.HubPaths)) return next(context);
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length == 0 || IsOwn(context.Request, origin) || _allowed.Contains(origin)) return next(context);
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }

    /// <summary>A list (<c>Crm:AllowedOrigins:0</c>, …) or one comma-separated value, handy in environment variables.</summary>
    private static HashSet<string> Configured(IConfigurationSection section) => new(
        (section.Value?.Split([',', ';']) ?? section.Get<string[]>() ?? [])
            .Select(o => o.Trim().TrimEnd('/')).Where(o => o.Length > 0),
        StringComparer.OrdinalIgnoreCase);

    private static bool IsOwn(HttpRequest request, string origin) =>
        string.Equals(origin, $"{request.Scheme}://{request.Host.Value}", StringComparison.OrdinalIgnoreCase);
}
