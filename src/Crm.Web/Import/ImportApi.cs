using System.Security.Claims;
using Crm.Web.Api;

namespace Crm.Web.Import;

/// <summary>
/// The import HTTP API (<c>/api/import</c>): the fields of a record type, the dry run, import jobs
/// (start, follow, cancel). The form endpoints read the upload themselves (no form binding, so no
/// antiforgery token): the sign-in cookie is SameSite=Lax, so another site cannot post with it.
/// </summary>
public static class ImportApi
{
    public static IEndpointRouteBuilder MapImportApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/import").RequireAuthorization().WithTags("Import");

        api.MapGet("/{kind}/fields", async (ClaimsPrincipal user, ImportService imports, string kind) =>
            TypedResults.Ok(await imports.Fields(RequestUser.Of(user), ImportNames.Kind(kind))))
            .WithName("GetImportFields").WithDescription("The fields a CSV column can fill (the portal's custom fields keyed by code), with the header names that suggest them.");

        api.MapPost("/{kind}/check", async (ClaimsPrincipal user, HttpRequest request, ImportService imports, string kind, CancellationToken ct) =>
        {
            var (me, recordKind) = (RequestUser.Of(user), ImportNames.Kind(kind));
            var upload = await ImportUpload.Read(request, ct);
            var file = ImportService.Read(upload.Bytes);
            var mapping = ImportService.Map(await imports.Fields(me, recordKind), file, upload.Mapping);
            return TypedResults.Ok(await imports.Check(me, recordKind, file, mapping, upload.Mode, ct));
        }).WithName("CheckImport").WithDescription("Dry run: the mapping used and, per row, ok, an error (code, message, column) or the record or row it duplicates. Writes nothing.");

        api.MapPost("/{kind}", async (ClaimsPrincipal user, HttpRequest request, ImportService imports, string kind, CancellationToken ct) =>
        {
            var (me, recordKind) = (RequestUser.Of(user), ImportNames.Kind(kind));
            await imports.RequireRights(me, recordKind);
            var upload = await ImportUpload.Read(request, ct);
            var file = ImportService.Read(upload.Bytes);
            var mapping = ImportService.Map(await imports.Fields(me, recordKind), file, upload.Mapping);
            var job = imports.Start(me, recordKind, file, mapping, upload.Mode, upload.FileName);
            return TypedResults.Accepted($"/api/import/jobs/{job.Id}", job.Progress());
        }).WithName("StartImport").WithDescription("Starts an import job (file-level problems are refused at once); follow it at the Location.");

        api.MapGet("/jobs", (ClaimsPrincipal user, ImportJobs jobs) =>
            TypedResults.Ok(jobs.Of(RequestUser.Of(user)).Select(j => j.Progress()).ToList()))
            .WithName("ListImports").WithDescription("The user's imports on this server, newest first.");

        api.MapGet("/jobs/{id:guid}", (ClaimsPrincipal user, ImportJobs jobs, Guid id, string? outcome, int? page, int? pageSize) =>
        {
            var job = jobs.Get(RequestUser.Of(user), id);
            var (offset, size) = Paging.Of(page, pageSize);
            var (rows, total) = job.Results(Outcome(outcome), offset, size);
            return TypedResults.Ok(new ImportJobReport(job.Progress(), rows, total));
        }).WithName("GetImport").WithDescription("A job's progress and a page of its row results (filter by outcome).");

        api.MapDelete("/jobs/{id:guid}", (ClaimsPrincipal user, ImportJobs jobs, Guid id) =>
        {
            var job = jobs.Get(RequestUser.Of(user), id);
            job.Cancel();
            return TypedResults.Accepted($"/api/import/jobs/{job.Id}", job.Progress());
        }).WithName("CancelImport").WithDescription("Stops the job before its next rows; rows already written stay.");

        return app;
    }

    private static RowOutcome? Outcome(string? outcome) =>
        string.IsNullOrWhiteSpace(outcome) ? null
        : Enum.TryParse<RowOutcome>(outcome, ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(outcome, out _) ? value
        : throw CrmException.Invalid("invalid_outcome", $"'{outcome}' is not a row outcome; use one of {string.Join(", ", Enum.GetNames<RowOutcome>())}.", "outcome");
}
