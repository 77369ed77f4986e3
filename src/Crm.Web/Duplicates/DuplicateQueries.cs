using Crm.Grains.Common;
using Crm.Web.Access;
using Crm.Web.Api;
using Npgsql;

namespace Crm.Web.Duplicates;

/// <summary>A record that may be the same person or company as the one being entered, and why.</summary>
public sealed record DuplicateMatch(string Kind, long Id, string Title, string MatchedBy);

/// <summary>What to look for: phones and e-mails (normalised as stored), a person's name, a company name.</summary>
public sealed record DuplicateProbe(IReadOnlyList<string> Phones, IReadOnlyList<string> Emails, string? PersonName, string? CompanyName);

/// <summary>
/// Finds leads, contacts and companies of a portal that share a normalised phone or e-mail, or the
/// same person or company name (case and spacing ignored), among the records the user may see (a
/// duplicate the user may not open is not named). Served by the GIN indexes on the keys.
/// </summary>
public sealed class DuplicateQueries(NpgsqlDataSource db, ReadableRowsOf readable)
{
    public const int MaxMatches = 20;

    public async Task<IReadOnlyList<DuplicateMatch>> Find(RequestUser user, DuplicateProbe probe)
    {
        var phones = probe.Phones.Select(ContactPoints.PhoneKey).OfType<string>().Distinct().ToArray();
        var emails = probe.Emails.Select(ContactPoints.NormalEmail).OfType<string>().Distinct().ToArray();
        var person = Normal(probe.PersonName);
        var company = Normal(probe.CompanyName);
        if (phones.Length == 0 && emails.Length == 0 && person.Length == 0 && company.Length == 0) return [];

        const string why = """
            CASE WHEN phone_digits && $2 THEN 'phone' WHEN email_addresses && $3 THEN 'email' ELSE 'name' END
            """;
        var (leads, contacts, companies) = (await readable.Leads(user), await readable.Contacts(user), await readable.Companies(user));
        await using var command = db.CreateCommand();
        command.Parameters.Add(new() { Value = user.PortalId });
        command.Parameters.Add(new() { Value = phones });
        command.Parameters.Add(new() { Value = emails });
        command.Parameters.Add(new() { Value = person });
        command.Parameters.Add(new() { Value = company });
        command.CommandText = $"""
            SELECT kind, id, title, why FROM (
            SELECT 1 AS rank, 'lead' AS kind, id, title, {why} AS why FROM leads
            WHERE portal_id = $1 AND NOT is_deleted AND (phone_digits && $2 OR email_addresses && $3
               OR ($4 <> '' AND lower(trim(first_name || ' ' || last_name)) = $4) OR ($5 <> '' AND lower(company_name) = $5)){leads.Apply(command.Parameters)}
            UNION ALL
            SELECT 2, 'contact', id, trim(first_name || ' ' || last_name), {why} FROM contacts
            WHERE portal_id = $1 AND NOT is_deleted AND (phone_digits && $2 OR email_addresses && $3
               OR ($4 <> '' AND lower(trim(first_name || ' ' || last_name)) = $4)){contacts.Apply(command.Parameters)}
            UNION ALL
            SELECT 3, 'company', id, title, {why} FROM companies
            WHERE portal_id = $1 AND NOT is_deleted AND (phone_digits && $2 OR email_addresses && $3 OR ($5 <> '' AND lower(title) = $5)){companies.Apply(command.Parameters)}
            ) matches
            ORDER BY rank, id
            LIMIT {MaxMatches}
            """;
        var matches = new List<DuplicateMatch>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            matches.Add(new DuplicateMatch(reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3)));
        return matches;
    }

    /// <summary>Lower case, single spaces: "  Ann   LEE " and "ann lee" are the same name.</summary>
    public static string Normal(string? name) =>
        string.Join(' ', (name ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
}
