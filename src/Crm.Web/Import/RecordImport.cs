using Crm.Grains.Access;
using Crm.Grains.Interfaces.Access;
using Crm.Grains.Interfaces.Portals;
using Crm.Web.Access;
using Crm.Web.Api;
using Crm.Web.Duplicates;

namespace Crm.Web.Import;

/// <summary>What importing one record type takes; the kinds differ only in their <see cref="RecordImport{T}"/> parts.</summary>
public abstract class RecordImport
{
    public abstract ImportFieldSet Fields { get; }

    public static RecordImport For(ImportKind kind) => kind switch
    {
        ImportKind.Leads => LeadImport.Instance,
        ImportKind.Contacts => ContactImport.Instance,
        _ => CompanyImport.Instance,
    };

    /// <summary>The dry run: every row checked and matched, nothing written.</summary>
    public abstract Task<ImportReport> Check(ImportFile file, ColumnMapping mapping, DuplicateMode mode, ImportContext context,
        DuplicateCandidates candidates, CancellationToken ct);

    /// <summary>Checks the rows, then writes them through the records' grains, <paramref name="concurrency"/> at a time, reporting to <paramref name="job"/>.</summary>
    public abstract Task Import(ImportJob job, ImportFile file, ColumnMapping mapping, ImportContext context, DuplicateCandidates candidates,
        IGrainFactory grains, int concurrency, CancellationToken ct);
}

/// <summary>
/// Importing records of one type (<typeparamref name="T"/>: what its grain's create takes): building
/// them from a row, the checks of its rules, its duplicate keys, and its writes. Every write goes
/// through the record's grain; new ids come from the portal's id grain, as the API's creates do.
/// </summary>
public abstract class RecordImport<T> : RecordImport where T : class
{
    /// <summary>"lead": the id sequence, the duplicate candidates' table and the custom fields' record kind.</summary>
    public abstract string IdKind { get; }

    /// <summary>The record a row describes; throws a <see cref="CrmException"/> naming the field at fault.</summary>
    public abstract T Build(RowValues values, ImportContext context);

    /// <summary>The record checked by the same rules its grain applies, normalised.</summary>
    public abstract T Check(T record, ImportContext context);

    /// <summary>The record's custom values (canonical), for the check of required custom fields.</summary>
    public abstract IReadOnlyDictionary<string, string>? CustomOf(T record);

    public abstract DuplicateKeys Keys(T record);

    /// <summary>Whose record it is and, for leads, its status: where the rights to add it are looked up.</summary>
    public abstract (int ResponsibleId, string? Status) Place(T record);

    /// <summary>Why the user may not import this record (the rights to import and to add records of its responsible), or null.</summary>
    public string? Refusal(T record, ImportContext context)
    {
        var (responsible, status) = Place(record);
        foreach (var action in new[] { AccessAction.Import, AccessAction.Add })
            if (!context.Access.Allows(IdKind, action, responsible, stageId: status))
                return AccessChecks.Denied(action, $"{IdKind} records for this responsible").Message;
        return null;
    }

    /// <summary>Creates the record with a new id (from <see cref="ImportIds"/>).</summary>
    public abstract Task Create(IGrainFactory grains, RequestUser user, long id, T record);

    /// <summary>
    /// Reads the record and, when <paramref name="access"/> allows changing it, stores it merged with
    /// the row, as of the version read.
    /// </summary>
    protected abstract Task MergeOnce(IGrainFactory grains, RequestUser user, AccessProfile access, long id, T record);

    public ImportIds Ids(IGrainFactory grains, RequestUser user, int expected) =>
        new(grains.GetGrain<IRecordIdGrain>(GrainKeys.For(user.PortalId, IdKind)), expected);

    public async Task Merge(IGrainFactory grains, RequestUser user, AccessProfile access, long id, T record)
    {
        // Someone may change the record between our read and our write: read it again and retry.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await MergeOnce(grains, user, access, id, record);
                return;
            }
            catch (CrmException e) when (e.Kind == CrmErrorKind.Conflict && attempt < 3)
            {
            }
        }
    }

    public override async Task<ImportReport> Check(ImportFile file, ColumnMapping mapping, DuplicateMode mode, ImportContext context,
        DuplicateCandidates candidates, CancellationToken ct) =>
        ImportReport.Of(Fields.Kind, mode, file, mapping, await ImportPlanner.Plan(this, file, mapping, mode, context, candidates, ct));

    public override async Task Import(ImportJob job, ImportFile file, ColumnMapping mapping, ImportContext context, DuplicateCandidates candidates,
        IGrainFactory grains, int concurrency, CancellationToken ct)
    {
        var plan = await ImportPlanner.Plan(this, file, mapping, job.Mode, context, candidates, ct);
        await new ImportRunner<T>(this, plan, job, grains, context.User, context.Access, mapping, concurrency).Run(ct);
    }
}
