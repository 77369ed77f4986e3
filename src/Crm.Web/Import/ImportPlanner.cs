using Crm.Grains.CustomFields;
using Crm.Grains.Interfaces.CustomFields;
using Crm.Web.Access;
using Crm.Web.Duplicates;

namespace Crm.Web.Import;

/// <summary>
/// Checks every row of a file without writing anything: the cells, then the record's own rules (the
/// static checks its grain runs, with the portal's lists), then duplicates: against the portal's
/// records the user may see (a row never reveals, or merges into, a record the user could not
/// open), one query per batch of rows, and against the earlier rows of the file. Last, a row that
/// will create a record must give the record type's required custom fields; a row merged into (or
/// skipped for) an existing record need not, as that record has them. A row whose record the user's
/// rights do not let them import (its responsible, for leads its status) is refused with access_denied.
/// </summary>
public static class ImportPlanner
{
    /// <summary>Rows per duplicate query: large enough to amortise the round trip, small enough for a quick index scan.</summary>
    public const int LookupBatch = 1_000;

    /// <summary>Duplicate queries in flight at once.</summary>
    public const int LookupConcurrency = 4;

    public static async Task<ImportPlan<T>> Plan<T>(RecordImport<T> import, ImportFile file, ColumnMapping mapping, DuplicateMode mode,
        ImportContext context, DuplicateCandidates candidates, CancellationToken ct) where T : class
    {
        var rows = new PlannedRow<T>[file.Rows.Count];
        var keys = new DuplicateKeys?[rows.Length];
        // Rows are checked independently (pure functions of the row and the context): use every core.
        Parallel.For(0, rows.Length, new ParallelOptions { CancellationToken = ct },
            i => (rows[i], keys[i]) = CheckRow(import, file.Rows[i], mapping, context));

        var existing = await MatchExisting(import.IdKind, context.User.PortalId, context.Readable[import.IdKind], keys, candidates, ct);
        var customFields = context.CustomFieldsOf(import.IdKind);
        var original = new int?[rows.Length];
        var firstWith = new Dictionary<string, int>();
        for (var i = 0; i < rows.Length; i++)
        {
            if (keys[i] is not { } k) continue;
            if (existing[i] is { } match)
                rows[i] = rows[i] with { Duplicate = new DuplicateOf(match.Id, null, match.By) };
            else
                foreach (var (key, by) in k.Tagged())
                    if (firstWith.TryGetValue(key, out var j))
                    {
                        original[i] = j;
                        rows[i] = rows[i] with { Duplicate = new DuplicateOf(null, rows[j].Row, by), Original = j };
                        break;
                    }
            if ((rows[i].Duplicate is null || mode == DuplicateMode.Create)
                && CustomValues.MissingRequired(import.CustomOf(rows[i].Record!), customFields) is { } missing)
            {
                // It creates nothing, so no later row duplicates it.
                rows[i] = new PlannedRow<T>(rows[i].Row, null, Required(missing, import.Fields.RecordName, mapping));
                (existing[i], original[i]) = (null, null);
                continue;
            }
            foreach (var (key, _) in k.Tagged()) firstWith.TryAdd(key, i);
        }
        return new ImportPlan<T>(rows, Groups(rows.Length, original, existing));
    }

    private static RowError Required(CustomField field, string recordName, ColumnMapping mapping)
    {
        var column = mapping.ColumnOf(field.Code);
        return new RowError("custom_field_required", column is null
            ? $"'{field.Label}' is required for a new {recordName} and no column fills it; map a column to it."
            : $"'{field.Label}' is required for a new {recordName}; this row leaves column '{column}' empty.", column);
    }

    private static (PlannedRow<T>, DuplicateKeys?) CheckRow<T>(RecordImport<T> import, ImportFileRow row, ColumnMapping mapping, ImportContext context) where T : class
    {
        RowValues? values = null;
        try
        {
            values = RowValues.Of(row, mapping);
            var record = import.Check(import.Build(values, context), context);
            if (import.Refusal(record, context) is { } refused)
                return (new PlannedRow<T>(row.Row, null, new RowError("access_denied", refused, values.ColumnOf("responsibleId"))), null);
            return (new PlannedRow<T>(row.Row, record, null), import.Keys(record));
        }
        catch (RowRefused refused)
        {
            return (new PlannedRow<T>(row.Row, null, refused.Error), null);
        }
        catch (CrmException e)
        {
            return (new PlannedRow<T>(row.Row, null, RowValues.ErrorOf(e, values)), null);
        }
    }

    /// <summary>For each row, the existing record it matches first by phone, then e-mail, then name (lowest id wins).</summary>
    private static async Task<(long Id, string By)?[]> MatchExisting(string kind, int portalId, ReadableRows readable, DuplicateKeys?[] keys,
        DuplicateCandidates candidates, CancellationToken ct)
    {
        var matches = new (long Id, string By)?[keys.Length];
        var rows = Enumerable.Range(0, keys.Length).Where(i => keys[i] is not null).ToList();
        // A few batches at a time: each waits on a round trip, and they write disjoint rows of the result.
        await Parallel.ForEachAsync(rows.Chunk(LookupBatch), new ParallelOptions { MaxDegreeOfParallelism = LookupConcurrency, CancellationToken = ct }, async (batch, token) =>
        {
            var batchKeys = batch.Select(i => keys[i]!).ToList();
            var found = await candidates.Find(portalId, kind, readable,
                batchKeys.SelectMany(k => k.Phones).ToHashSet(), batchKeys.SelectMany(k => k.Emails).ToHashSet(),
                batchKeys.Select(k => k.Person).Where(n => n.Length > 0).ToHashSet(), batchKeys.Select(k => k.Company).Where(n => n.Length > 0).ToHashSet(), token);
            if (found.Count == 0) return;
            var byPhone = First(found.SelectMany(c => c.Phones.Select(p => (p, c.Id))));
            var byEmail = First(found.SelectMany(c => c.Emails.Select(e => (e, c.Id))));
            var byPerson = First(found.Where(c => c.Person.Length > 0).Select(c => (c.Person, c.Id)));
            var byCompany = First(found.Where(c => c.Company.Length > 0).Select(c => (c.Company, c.Id)));
            foreach (var i in batch)
            {
                var k = keys[i]!;
                matches[i] = Lookup(k.Phones, byPhone, "phone") ?? Lookup(k.Emails, byEmail, "email")
                    ?? Lookup(k.Person.Length > 0 ? [k.Person] : [], byPerson, "name") ?? Lookup(k.Company.Length > 0 ? [k.Company] : [], byCompany, "name");
            }
        });
        return matches;
    }

    private static Dictionary<string, long> First(IEnumerable<(string Key, long Id)> pairs)
    {
        var first = new Dictionary<string, long>();
        foreach (var (key, id) in pairs)
            if (!first.TryGetValue(key, out var known) || id < known) first[key] = id;
        return first;
    }

    private static (long, string)? Lookup(IEnumerable<string> keys, Dictionary<string, long> found, string by)
    {
        foreach (var key in keys)
            if (found.TryGetValue(key, out var id)) return (id, by);
        return null;
    }

    /// <summary>Rows linked by duplication (to an earlier row or to one existing record) form a group; groups in file order.</summary>
    private static IReadOnlyList<IReadOnlyList<int>> Groups(int count, int?[] original, (long Id, string By)?[] existing)
    {
        var parent = Enumerable.Range(0, count).ToArray();
        int Root(int i)
        {
            while (parent[i] != i) i = parent[i] = parent[parent[i]];
            return i;
        }
        void Join(int a, int b)
        {
            var (ra, rb) = (Root(a), Root(b));
            parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
        }

        var firstOfRecord = new Dictionary<long, int>();
        for (var i = 0; i < count; i++)
        {
            if (original[i] is { } j) Join(i, j);
            if (existing[i] is { } match && !firstOfRecord.TryAdd(match.Id, i)) Join(i, firstOfRecord[match.Id]);
        }
        var groups = new Dictionary<int, List<int>>();
        for (var i = 0; i < count; i++)
        {
            var root = Root(i);
            if (!groups.TryGetValue(root, out var group)) groups[root] = group = [];
            group.Add(i);
        }
        return groups.Values.OrderBy(g => g[0]).ToList<IReadOnlyList<int>>();
    }
}
