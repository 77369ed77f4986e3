using Crm.Grains.Access;
using Crm.Grains.Interfaces.Access;
using Crm.Grains.Interfaces.CustomFields;
using Crm.Web.Access;
using Crm.Web.Api;
using Crm.Web.Duplicates;
using Microsoft.Extensions.Options;

namespace Crm.Web.Import;

/// <summary>CSV import as the API and the page use it: read a file, map its columns, check it (dry run) or start a job.</summary>
public sealed class ImportService(IGrainFactory grains, UserQueries users, DuplicateCandidates candidates, ImportJobs jobs, UserAccess access, ReadableRowsOf readable,
    IOptions<ImportOptions> options)
{
    /// <summary>Reads a file; refuses one without rows to import.</summary>
    public static ImportFile Read(byte[] bytes)
    {
        var file = CsvFileReader.Read(bytes);
        return file.Rows.Count > 0 ? file
            : throw CrmException.Invalid("no_rows", "The file has a header but no rows to import.", "file");
    }

    /// <summary>The fields a column can fill: the record type's own and the portal's custom fields of it.</summary>
    public async Task<ImportFieldSet> Fields(RequestUser user, ImportKind kind) =>
        ImportFields.For(kind, await grains.GetGrain<ICustomFieldsGrain>(user.PortalId).Get(ImportFields.For(kind).RecordName));

    /// <summary>The suggested mapping with the user's choices (header name to field key or label, null to ignore), checked.</summary>
    public static ColumnMapping Map(ImportFieldSet fields, ImportFile file, IReadOnlyDictionary<string, string?>? chosen) =>
        ColumnMapper.Resolve(file.Headers, fields, chosen);

    /// <summary>Refuses an import to a user whose rights allow no import, or no adding, of the record type.</summary>
    public async Task RequireRights(RequestUser user, ImportKind kind)
    {
        var entity = kind switch { ImportKind.Leads => AccessEntity.Lead, ImportKind.Contacts => AccessEntity.Contact, _ => AccessEntity.Company };
        var profile = await access.Of(user);
        foreach (var action in new[] { AccessAction.Import, AccessAction.Add })
            if (!profile.MayEver(entity, action)) throw AccessChecks.Denied(action, $"{entity}s");
    }

    public async Task<ImportReport> Check(RequestUser user, ImportKind kind, ImportFile file, ColumnMapping mapping, DuplicateMode mode, CancellationToken ct)
    {
        await RequireRights(user, kind);
        var context = await ImportContext.Load(grains, users, access, readable, user);
        return await RecordImport.For(kind).Check(file, mapping, mode, context, candidates, ct);
    }

    public ImportJob Start(RequestUser user, ImportKind kind, ImportFile file, ColumnMapping mapping, DuplicateMode mode, string fileName) =>
        jobs.Start(user, kind, mode, fileName, file.Rows.Select(r => r.Row).ToList(), async (job, ct) =>
        {
            var context = await ImportContext.Load(grains, users, access, readable, user);
            await RecordImport.For(kind).Import(job, file, mapping, context, candidates, grains, options.Value.Concurrency, ct);
        });
}
