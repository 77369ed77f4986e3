using Crm.Web.Access;
using Npgsql;

namespace Crm.Web.Duplicates;

/// <summary>A record of a portal that shares a key with a batch of probes, with its keys, so the caller can tell which probe it matches.</summary>
public sealed record DuplicateCandidate(long Id, string[] Phones, string[] Emails, string Person, string Company);

/// <summary>
/// The batched form of duplicate search, for imports: the leads, contacts or companies sharing any of
/// many phones (digits), e-mails or names, in one query per batch. Names are compared as
/// <see cref="DuplicateQueries"/> does.
/// </summary>
/// <remarks>
/// Each key is looked up on its own (a lateral probe per key) in the GIN indexes on the keys and the
/// name indexes of migration 0013. The obvious form, <c>phone_digits &amp;&amp; $keys</c> with a
/// thousand keys, is estimated to match most rows, so PostgreSQL scans the table and compares every
/// row with every key: 2 s per batch on 100,000 leads, against about 10 ms for the probes. The
/// probes' row estimates are high too, which would make PostgreSQL compile the query to machine
/// code first (a third of a second); compiling is switched off for it.
/// </remarks>
public sealed class DuplicateCandidates(NpgsqlDataSource db)
{
    private const string PersonName = "lower(trim(l.first_name || ' ' || l.last_name))";

    /// <summary>The tables, and the name expressions they match on (persons, companies).</summary>
    private static readonly Dictionary<string, (string Table, string? Person, string? Company)> Kinds = new()
    {
        ["lead"] = ("leads", PersonName, "lower(l.company_name)"),
        ["contact"] = ("contacts", PersonName, null),
        ["company"] = ("companies", null, "lower(l.title)"),
    };

    /// <summary>The candidates among the rows <paramref name="readable"/> selects (the records the importing user may see).</summary>
    public async Task<IReadOnlyList<DuplicateCandidate>> Find(int portalId, string kind, ReadableRows readable, IReadOnlyCollection<string> phones,
        IReadOnlyCollection<string> emails, IReadOnlyCollection<string> persons, IReadOnlyCollection<string> companies, CancellationToken ct = default)
    {
        var (table, person, company) = Kinds[kind];
        var query = new NpgsqlBatchCommand();
        query.Parameters.Add(new() { Value = portalId });
        query.Parameters.Add(new() { Value = phones.ToArray() });
        query.Parameters.Add(new() { Value = emails.ToArray() });
        query.Parameters.Add(new() { Value = persons.ToArray() });
        query.Parameters.Add(new() { Value = companies.ToArray() });
        var columns = $"l.id, l.phone_digits, l.email_addresses, {person ?? "''"} AS person, {company ?? "''"} AS company, l.portal_id";
        // Phones and e-mails: the key alone finds the few rows that have it; the portal is checked on
        // those (inside, PostgreSQL would also scan the portal's part of the primary key per probe).
        string KeyProbe(string parameter, string keys) => $"""
            SELECT m.id, m.phone_digits, m.email_addresses, m.person, m.company FROM unnest({parameter}::text[]) AS k(key) CROSS JOIN LATERAL (
                SELECT {columns} FROM {table} l WHERE NOT l.is_deleted AND l.{keys} @> ARRAY[k.key]{readable.Apply(query.Parameters)} OFFSET 0) m
            WHERE m.portal_id = $1
            """;
        // Names: the name indexes begin with the portal.
        string NameProbe(string parameter, string name) => $"""
            SELECT m.id, m.phone_digits, m.email_addresses, m.person, m.company FROM unnest({parameter}::text[]) AS k(key) CROSS JOIN LATERAL (
                SELECT {columns} FROM {table} l WHERE l.portal_id = $1 AND NOT l.is_deleted AND {name} = k.key{readable.Apply(query.Parameters)} OFFSET 0) m
            """;
        var probes = new List<string> { KeyProbe("$2", "phone_digits"), KeyProbe("$3", "email_addresses") };
        if (person is not null) probes.Add(NameProbe("$4", person));
        if (company is not null) probes.Add(NameProbe("$5", company));

        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands = { new NpgsqlBatchCommand("SET LOCAL jit = off"), query },
        };
        query.CommandText = string.Join("\nUNION ALL\n", probes);
        var found = new List<DuplicateCandidate>();
        await using (var reader = await batch.ExecuteReaderAsync(ct))
        {
            while (reader.FieldCount == 0 && await reader.NextResultAsync(ct)) { } // past SET LOCAL, if the reader shows it
            while (await reader.ReadAsync(ct))
                found.Add(new DuplicateCandidate(reader.GetInt64(0), reader.GetFieldValue<string[]>(1), reader.GetFieldValue<string[]>(2),
                    reader.GetString(3), reader.GetString(4)));
        }
        await transaction.CommitAsync(ct);
        return found;
    }
}
