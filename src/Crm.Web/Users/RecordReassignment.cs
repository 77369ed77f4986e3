using Crm.Grains.ReadModel;
using Crm.Silo.ReadModel;
using Crm.Web.Access;
using Crm.Web.Activities;
using Crm.Web.Api;
using Crm.Web.Bulk;
using Npgsql;

namespace Crm.Web.Users;

/// <summary>Whose records go to whom; <see cref="Kinds"/> null or empty means every kind.</summary>
public sealed record ReassignRequest(int? ToUserId, IReadOnlyList<string>? Kinds = null);

/// <summary>The outcome per record kind, each row done or with the reason it was not.</summary>
public sealed record ReassignResult(int FromUserId, int ToUserId, int Total, int Succeeded, int Failed, IReadOnlyDictionary<string, BulkResult> Kinds);

/// <summary>
/// Hands a user's records (typically a leaving user's) to another active user of the portal, as a bulk
/// "change responsible": each record through its service and grain, a failed row reported and the
/// others done. Open activities move too; done ones keep who did them.
/// </summary>
public sealed class RecordReassignment(NpgsqlDataSource db, RecordServices records, ActivityService activities, UserQueries users, IAuditLog audit)
{
    public static readonly IReadOnlyList<string> Kinds = ["lead", "deal", "contact", "company", "activity"];

    public async Task<ReassignResult> Run(RequestUser admin, int fromUserId, ReassignRequest request, IProgress<BulkProgress>? progress = null,
        CancellationToken ct = default)
    {
        await records.Access.RequireAdmin(admin, "Only a portal admin can reassign a user's records.");
        var from = await users.Find(admin.PortalId, fromUserId)
            ?? throw CrmException.NotFound("user_not_found", $"There is no user {fromUserId} in this portal.");
        var toUserId = await CheckTarget(admin, from, request.ToUserId);
        var kinds = CheckKinds(request.Kinds);

        var rows = new List<(string Kind, IReadOnlyList<long> Ids)>();
        foreach (var kind in kinds) rows.Add((kind, await RowsOf(admin.PortalId, kind, fromUserId)));
        var total = rows.Sum(r => r.Ids.Count);
        var results = new Dictionary<string, BulkResult>();
        int done = 0, failed = 0;
        foreach (var (kind, ids) in rows)
        {
            var (doneBefore, failedBefore) = (done, failed);
            var rowProgress = progress is null ? null : new RowProgress(p => progress.Report(new BulkProgress(doneBefore + p.Done, total, failedBefore + p.Failed)));
            var result = await BulkRunner.RunRows(ids, Command(admin, kind, toUserId), rowProgress, ct);
            results[kind] = result;
            (done, failed) = (done + result.Total, failed + result.Failed);
        }

        await audit.Record(admin.PortalId, admin.UserId, "user.records_reassigned", new
        {
            fromUserId, toUserId,
            kinds = results.ToDictionary(r => r.Key, r => new { total = r.Value.Total, succeeded = r.Value.Succeeded, failed = r.Value.Failed }),
        });
        return new ReassignResult(fromUserId, toUserId, total, total - failed, failed, results);
    }

    private async Task<int> CheckTarget(RequestUser admin, UserSummary from, int? toUserId)
    {
        if (toUserId is not { } id)
            throw CrmException.Invalid("target_required", "Choose the user who gets the records.", "toUserId");
        if (id == from.Id)
            throw CrmException.Invalid("same_user", "Choose another user than the one whose records are reassigned.", "toUserId");
        var to = await users.Find(admin.PortalId, id)
            ?? throw CrmException.Invalid("unknown_target", $"User {id} is not a user of this portal.", "toUserId");
        return to.IsActive ? id
            : throw CrmException.Invalid("target_inactive", $"{to.DisplayName} is deactivated; choose an active user.", "toUserId");
    }

    private static IReadOnlyList<string> CheckKinds(IReadOnlyList<string>? kinds)
    {
        if (kinds is not { Count: > 0 }) return Kinds;
        var clean = kinds.Select(k => k?.Trim().ToLowerInvariant() ?? "").Distinct().ToList();
        foreach (var kind in clean)
            if (!Kinds.Contains(kind))
                throw CrmException.Invalid("invalid_kind", $"'{kind}' is not a kind of record; use {string.Join(", ", Kinds)}.", "kinds");
        return Kinds.Where(clean.Contains).ToList();
    }

    private Func<long, Task> Command(RequestUser admin, string kind, int toUserId) => kind == "activity"
        ? id => activities.Update(admin, id, a => a.Fields with { ResponsibleId = toUserId }, null)
        : BulkRowCommands.For(records, admin, kind, new BulkRequest(BulkAction.SetResponsible, ResponsibleId: toUserId));

    /// <summary>The rows the read model shows as the user's; the grains decide again as each changes.</summary>
    private async Task<IReadOnlyList<long>> RowsOf(int portalId, string kind, int userId)
    {
        var sql = kind == "activity"
            ? "SELECT id FROM activities WHERE portal_id = $1 AND responsible_id = $2 AND NOT is_deleted AND NOT done ORDER BY id"
            : $"SELECT id FROM {RecordTables.Of(kind)} WHERE portal_id = $1 AND responsible_id = $2 AND NOT is_deleted ORDER BY id";
        await using var command = db.CreateCommand(sql);
        command.Parameters.Add(new() { Value = portalId });
        command.Parameters.Add(new() { Value = userId });
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetInt64(0));
        return ids;
    }

    /// <summary>Reports synchronously on the reporting thread (unlike <see cref="Progress{T}"/>, which posts to a context).</summary>
    private sealed class RowProgress(Action<BulkProgress> report) : IProgress<BulkProgress>
    {
        public void Report(BulkProgress value) => report(value);
    }
}
