using System.Security.Cryptography;
using System.Text;
using Crm.Web.Api;

namespace Crm.Web.Operator;

/// <summary>
/// Guards the hosting operator's endpoints with the key in <c>Crm:Operator:Key</c>, sent as the
/// <c>X-Operator-Key</c> header. Without a configured key the operator API does not exist (404), so a
/// self-hosted single-company install exposes nothing; a wrong key answers 401 after a comparison
/// whose time does not depend on how much of the key was right.
/// </summary>
public sealed class OperatorKeyFilter(IConfiguration configuration) : IEndpointFilter
{
    public const string Header = "X-Operator-Key";
    public const string ConfigKey = "Crm:Operator:Key";

    /// <summary>A shorter key is a configuration error: operator calls fail rather than accept a guessable key.</summary>
    public const int MinKeyLength = 24;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var configured = configuration[ConfigKey];
        if (string.IsNullOrEmpty(configured))
            return Results.Problem(CrmProblemHandler.Problem(StatusCodes.Status404NotFound, "operator_api_disabled",
                $"The operator API is off on this server; set {ConfigKey} to enable it."));
        if (configured.Length < MinKeyLength)
            throw new InvalidOperationException($"{ConfigKey} must have at least {MinKeyLength} characters.");

        var presented = context.HttpContext.Request.Headers[Header].ToString();
        if (presented.Length == 0)
            return Unauthorized("operator_key_required", $"Send the operator key in the {Header} header.");
        if (!SameKey(presented, configured))
            return Unauthorized("operator_key_invalid", "The operator key is not valid.");
        return await next(context);
    }

    // Hashing first gives both sides the same length, so FixedTimeEquals also hides the key's length.
    private static bool SameKey(string presented, string configured) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(configured)));

    private static IResult Unauthorized(string code, string detail) =>
        Results.Problem(CrmProblemHandler.Problem(StatusCodes.Status401Unauthorized, code, detail));
}
