using Npgsql;

namespace Crm.Web.Duplicates;

/// <summary>A record of a portal that shares a key with a batch of probes, with its keys, so the caller can tell which probe it matches.</summary>
public sealed record DuplicateCandidate(long Id, string[] Phones, string[] Emails, string Person, string Company);

/// <summary>
/// The batched form of duplicate search, for imports: the leads, contacts or companies sharing any of
/// many phones (digits), e-mails or names, in one query per batch. Served by the GIN indexes on the
/// keys and the name indexes of migration 0013. Names are compared as <see cref="DuplicateQueries"/> does.
/// </summary>
public sealed class DuplicateCandidates(NpgsqlDataSource db)
{
    private const string PersonName = "lower(trim(first_name || ' ' || last_name))";

    /// <summary>The tables, and the name expressions they match on (persons, companies).</summary>
    private static readonly Dictionary<string, (string Table, string? Person, string? Company)> Kinds = new()
    {
        ["lead"] = ("leads", PersonName, "lower(company_name)"),
        ["contact"] = ("contacts", PersonName, null),
        ["company"] = ("companies", null, "lower(title)"),
    };

    public async Task<IReadOnlyList<DuplicateCandidate>> Find(int portalId, string kind, IReadOnlyCollection<string> phones,
        IReadOnlyCollection<string> emails, IReadOnlyCollection<string> persons, IReadOnlyCollection<string> companies, CancellationToken ct = default)
    {
        var (table, person, company) = Kinds[kind];
        var conditions = new List<string> { "phone_digits && $2", "email_addresses && $3" };
        if (person is not null) conditions.Add($"{person} = ANY($4)");
        if (company is not null) conditions.Add($"{company} = ANY($5)");
        await using var command = db.CreateCommand($"""
            SELECT id, phone_digits, email_addresses, {person ?? "''"}, {company ?? "''"} FROM {table}
            WHERE portal_id = $1 AND NOT is_deleted AND ({string.Join(" OR ", conditions)})
            """);
        command.Parameters.Add(new() { Value = portalId });
        command.Parameters.Add(new() { Value = phones.ToArray() });
        command.Parameters.Add(new() { Value = emails.ToArray() });
        command.Parameters.Add(new() { Value = persons.ToArray() });
        command.Parameters.Add(new() { Value = companies.ToArray() });
        var found = new List<DuplicateCandidate>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            found.Add(new DuplicateCandidate(reader.GetInt64(0), reader.GetFieldValue<string[]>(1), reader.GetFieldValue<string[]>(2),
                reader.GetString(3), reader.GetString(4)));
        return found;
    }
}
