using System.Security.Claims;
using Crm.Grains.Access;
using Crm.Grains.Interfaces.Access;
using Crm.Web.Access;
using Crm.Web.Api;
using Crm.Web.Lists;

namespace Crm.Web.Export;

/// <summary><c>GET /api/{leads|deals|contacts|companies}/export</c>: the filtered list as CSV or Excel.</summary>
public static class ExportApi
{
    public static IEndpointRouteBuilder MapExportApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/{kind:regex(^(leads|deals|contacts|companies)$)}/export", async (HttpContext http, ClaimsPrincipal user, ListExport export, ListCatalog catalog, UserAccess access, ReadableRowsOf readable,
            string kind, string? format, string? filter, string? search, string? columns) =>
        {
            var me = RequestUser.Of(user);
            var recordKind = ListFieldsApi.Kind(kind);
            var (contentType, extension) = (format ?? "csv").ToLowerInvariant() switch
            {
                "csv" => (CsvExport.ContentType, "csv"),
                "xlsx" => (XlsxExport.ContentType, "xlsx"),
                _ => throw CrmException.Invalid("invalid_format", $"'{format}' is not an export format; use csv or xlsx.", "format"),
            };
            if (!(await access.Of(me)).MayEver(recordKind, AccessAction.Export)) throw AccessChecks.Denied(AccessAction.Export, kind);
            // The rows the user may both read and export.
            var rows = (await readable.Of(me, recordKind)).And(await readable.Of(me, recordKind, AccessAction.Export));
            var conditions = FilterSql.Parse(filter);
            var plan = await export.Prepare(me, rows, recordKind, conditions, search, columns?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            await export.CheckSize(me.PortalId, rows, recordKind, conditions, search);

            http.Response.ContentType = contentType;
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"{kind}-{DateTime.UtcNow:yyyy-MM-dd}.{extension}\"";
            var write = extension == "csv" ? CsvExport.Write(http.Response.Body, plan.Headers, plan.Rows, http.RequestAborted)
                : XlsxExport.Write(http.Response.Body, plan.Headers, plan.Rows, http.RequestAborted);
            await write;
            return Results.Empty;
        }).RequireAuthorization().WithTags("Export").WithName("ExportList")
          .WithDescription("The list as CSV or xlsx (format), filtered like the list (filter, search), with the chosen columns (comma-separated keys; all by default). Text a spreadsheet would run as a formula is neutralised.");
        return app;
    }
}
