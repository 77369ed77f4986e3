using System.Text.Json;
using System.Text.RegularExpressions;
using Crm.Grains.Interfaces.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Crm.Web.Api;

/// <summary>
/// Turns refused commands and unreadable requests into ProblemDetails with a stable <c>code</c> and
/// the <c>field</c> at fault; the same mapping for every endpoint.
/// </summary>
public sealed partial class CrmProblemHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        var problem = exception switch
        {
            CrmException e => FromCrm(e),
            BadHttpRequestException { InnerException: JsonException json } => FromJson(json),
            BadHttpRequestException bad => Problem(StatusCodes.Status400BadRequest, "invalid_request", bad.Message, null),
            _ => null,
        };
        if (problem is null) return false;
        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    public static ProblemDetails FromCrm(CrmException e) => Problem(e.Kind switch
    {
        CrmErrorKind.NotFound => StatusCodes.Status404NotFound,
        CrmErrorKind.Conflict => StatusCodes.Status409Conflict,
        CrmErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status400BadRequest,
    }, e.Code, e.Message, e.Field);

    private static ProblemDetails FromJson(JsonException json)
    {
        var field = json.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : null;
        var expected = ExpectedType().Match(json.Message) is { Success: true } m ? m.Groups[1].Value switch
        {
            "Decimal" or "Int32" or "Int64" or "Double" => "must be a number",
            "DateOnly" => "must be a date (yyyy-mm-dd)",
            "Boolean" => "must be true or false",
            "String" => "must be a string",
            _ => "has an invalid value",
        } : "has an invalid value";
        var detail = field is null ? "The request body is not valid JSON." : $"'{field}' {expected}.";
        return Problem(StatusCodes.Status400BadRequest, "invalid_json", detail, field);
    }

    public static ProblemDetails Problem(int status, string code, string detail, string? field = null)
    {
        var problem = new ProblemDetails { Status = status, Title = detail, Detail = detail };
        problem.Extensions["code"] = code;
        if (field is not null) problem.Extensions["field"] = field;
        return problem;
    }

    [GeneratedRegex(@"converted to (?:System\.)?(?:Nullable`1\[)?(?:System\.)?([A-Za-z0-9]+)")]
    private static partial Regex ExpectedType();
}
