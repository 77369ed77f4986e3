using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Crm.Grains.Common;
using Crm.Grains.CustomFields;
using Crm.Grains.Interfaces.Common;
using Crm.Grains.Interfaces.CustomFields;
using Crm.Silo.ReadModel;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Bench;

/// <summary>
/// Writes leads straight into the read model (<c>leads</c>) with binary COPY: the list benchmark
/// measures reads only, and a million leads through the grains would take hours on this machine.
/// The rows are what the lead projection writes (same JSON for phones, e-mails and custom values,
/// same normalised phone digits, canonical custom values), but no grain state, history or id
/// counter exists for them: these leads can be listed, not opened or edited.
/// </summary>
public static class LeadSeeder
{
    private static readonly string[] Columns =
    [
        "portal_id", "id", "status_id", "title", "first_name", "second_name", "last_name", "company_name", "phones", "emails",
        "phone_digits", "email_addresses", "source_id", "source_description", "utm_source", "utm_medium", "utm_campaign",
        "utm_content", "utm_term", "amount", "currency", "responsible_id", "comments", "is_deleted", "created_at", "created_by",
        "updated_at", "updated_by", "version", "custom",
    ];

    // By popularity; drawn with Zipf weights.
    private static readonly string[] Sources = ["WEBFORM", "CALL", "EMAIL", "WEB", "ADVERTISING", "CHAT", "RECOMMENDATION", "PARTNER", "OTHER"];

    /// <param name="users">The portal's users; the first is responsible for half of the leads, the others share the rest.</param>
    /// <param name="segment">A custom list field: about 70% of leads have one of its items.</param>
    /// <param name="employees">A custom number field: about half of the leads have a value.</param>
    /// <param name="until">The newest lead's creation time; the oldest is two years earlier.</param>
    public static async Task<object> Seed(string connectionString, int portalId, IReadOnlyList<int> users, CustomField segment, CustomField employees,
        int count, DateTimeOffset until, int seed = 20261124)
    {
        var clock = Stopwatch.StartNew();
        // No command timeout: COPY and VACUUM of a million rows outlast the test servers' 60 s on a busy machine.
        await using var db = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ConnectionString);
        long firstId;
        await using (var max = db.CreateCommand("SELECT coalesce(max(id), 0) + 1 FROM leads WHERE portal_id = $1"))
        {
            max.Parameters.Add(new() { Value = portalId });
            firstId = (long)(await max.ExecuteScalarAsync())!;
        }

        var random = new Random(seed);
        var firstNames = new ZipfPicker<string>(LeadWords.FirstNames);
        var lastNames = new ZipfPicker<string>(LeadWords.LastNames, 0.9);
        var companyWords = new ZipfPicker<string>(LeadWords.CompanyWords, 0.8);
        var trades = new ZipfPicker<string>(LeadWords.CompanyTrades);
        var suffixes = new ZipfPicker<string>(LeadWords.CompanySuffixes);
        var needs = new ZipfPicker<string>(LeadWords.TitleNeeds);
        var subjects = new ZipfPicker<string>(LeadWords.TitleSubjects);
        var extras = new ZipfPicker<string>(LeadWords.TitleExtras, 0.3);
        var sources = new ZipfPicker<string>(Sources, 0.8);
        var segments = new ZipfPicker<string>(segment.Items!.Select(i => i.Id).ToArray(), 0.7);
        var span = TimeSpan.FromDays(730);
        var start = until - span;
        var recent = until - TimeSpan.FromDays(60);

        const int chunk = 100_000;
        for (var from = 0; from < count; from += chunk)
        {
            await using var connection = await db.OpenConnectionAsync();
            await using var writer = await connection.BeginBinaryImportAsync($"COPY leads ({string.Join(", ", Columns)}) FROM STDIN (FORMAT BINARY)");
            for (var i = from; i < Math.Min(count, from + chunk); i++)
            {
                // Ids grow with creation time, as they do when leads arrive one by one.
                var createdAt = start + span * ((i + random.NextDouble()) / count);
                var updatedAt = createdAt + TimeSpan.FromHours(random.NextDouble() * random.NextDouble() * 24 * 60);
                if (updatedAt > until) updatedAt = until;
                var first = firstNames.Next(random);
                var last = lastNames.Next(random);
                var company = random.NextDouble() switch
                {
                    < 0.60 => $"{companyWords.Next(random)} {trades.Next(random)} {suffixes.Next(random)}",
                    < 0.85 => $"{Brand(random)} {trades.Next(random)} {suffixes.Next(random)}",
                    _ => "",
                };
                var extra = extras.Next(random);
                var title = $"{needs.Next(random)} {subjects.Next(random)}{(extra.Length > 0 ? " " + extra : "")}";
                var responsible = Responsible(random, users);
                List<ContactPoint> phones = random.NextDouble() < 0.9 ? [new(Phone(random), ContactPointType.Work)] : [];
                if (phones.Count > 0 && random.NextDouble() < 0.2) phones.Add(new(Phone(random), ContactPointType.Mobile));
                List<ContactPoint> emails = random.NextDouble() < 0.8
                    ? [new($"{first}.{last}{random.Next(100)}@{Domain(company, last)}".ToLowerInvariant(), ContactPointType.Work)] : [];
                var custom = new SortedDictionary<string, string>(StringComparer.Ordinal);
                if (random.NextDouble() < 0.7) custom[segment.Code] = CustomValues.Canonical(segment, segments.Next(random));
                if (random.NextDouble() < 0.5)
                    custom[employees.Code] = CustomValues.Canonical(employees, ((int)Math.Exp(random.NextDouble() * Math.Log(5000))).ToString(CultureInfo.InvariantCulture));
                var utm = random.NextDouble() < 0.3;

                await writer.StartRowAsync();
                await writer.WriteAsync(portalId, NpgsqlDbType.Integer);
                await writer.WriteAsync(firstId + i, NpgsqlDbType.Bigint);
                await writer.WriteAsync(Status(random, createdAt < recent), NpgsqlDbType.Text);
                await writer.WriteAsync(title, NpgsqlDbType.Text);
                await writer.WriteAsync(first, NpgsqlDbType.Text);
                await writer.WriteAsync("", NpgsqlDbType.Text);
                await writer.WriteAsync(last, NpgsqlDbType.Text);
                await writer.WriteAsync(company, NpgsqlDbType.Text);
                await writer.WriteAsync(JsonSerializer.Serialize(phones, ReadModelJson.Options), NpgsqlDbType.Jsonb);
                await writer.WriteAsync(JsonSerializer.Serialize(emails, ReadModelJson.Options), NpgsqlDbType.Jsonb);
                await writer.WriteAsync(phones.Select(p => ContactPoints.PhoneDigits(p.Value) ?? p.Value).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                await writer.WriteAsync(emails.Select(e => e.Value).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                await writer.WriteAsync(sources.Next(random), NpgsqlDbType.Text);
                await writer.WriteAsync("", NpgsqlDbType.Text);
                await writer.WriteAsync(utm ? (random.NextDouble() < 0.6 ? "google" : "newsletter") : "", NpgsqlDbType.Text);
                await writer.WriteAsync(utm ? "cpc" : "", NpgsqlDbType.Text);
                await writer.WriteAsync(utm ? $"campaign-{random.Next(40)}" : "", NpgsqlDbType.Text);
                await writer.WriteAsync("", NpgsqlDbType.Text);
                await writer.WriteAsync("", NpgsqlDbType.Text);
                await writer.WriteAsync(Amount(random), NpgsqlDbType.Numeric);
                await writer.WriteAsync(random.NextDouble() < 0.8 ? "USD" : "EUR", NpgsqlDbType.Char);
                await writer.WriteAsync(responsible, NpgsqlDbType.Integer);
                await writer.WriteAsync(random.NextDouble() < 0.1 ? "Called back, waiting for the budget." : "", NpgsqlDbType.Text);
                await writer.WriteAsync(false, NpgsqlDbType.Boolean);
                await writer.WriteAsync(createdAt.UtcDateTime, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(responsible, NpgsqlDbType.Integer);
                await writer.WriteAsync(updatedAt.UtcDateTime, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(responsible, NpgsqlDbType.Integer);
                await writer.WriteAsync((long)random.Next(1, 6), NpgsqlDbType.Bigint);
                await writer.WriteAsync(JsonSerializer.Serialize(custom, ReadModelJson.Options), NpgsqlDbType.Jsonb);
            }
            await writer.CompleteAsync();
            Console.WriteLine($"  {Math.Min(count, from + chunk):N0} leads written ({clock.Elapsed.TotalSeconds:F0} s)");
        }
        var copySeconds = clock.Elapsed.TotalSeconds;

        // What autovacuum does to a table in service: statistics for the planner and a visibility
        // map (index-only scans); run now so the first measured queries do not depend on its timing.
        await using (var vacuum = db.CreateCommand("VACUUM (ANALYZE) leads")) await vacuum.ExecuteNonQueryAsync();
        var report = new Dictionary<string, object>
        {
            ["leads"] = count,
            ["firstId"] = firstId,
            ["copySeconds"] = Math.Round(copySeconds, 1),
            ["vacuumAnalyzeSeconds"] = Math.Round(clock.Elapsed.TotalSeconds - copySeconds, 1),
        };
        await using (var size = db.CreateCommand("""
            SELECT pg_size_pretty(pg_table_size('leads')), pg_size_pretty(pg_indexes_size('leads')),
                   (SELECT count(*) FROM leads WHERE portal_id = $1)
            """))
        {
            size.Parameters.Add(new() { Value = portalId });
            await using var reader = await size.ExecuteReaderAsync();
            await reader.ReadAsync();
            report["tableSize"] = reader.GetString(0);
            report["indexesSize"] = reader.GetString(1);
            report["portalLeads"] = reader.GetInt64(2);
        }
        return report;
    }

    /// <summary>
    /// Old leads have mostly been worked on (converted, junk); the last two months' are mostly new
    /// or in process: as in a CRM in service, and what makes "status = NEW" a needle in old rows.
    /// </summary>
    private static string Status(Random random, bool old)
    {
        var r = random.NextDouble();
        return old
            ? r switch { < 0.05 => "NEW", < 0.10 => "IN_PROCESS", < 0.25 => "PROCESSED", < 0.65 => "CONVERTED", _ => "JUNK" }
            : r switch { < 0.45 => "NEW", < 0.75 => "IN_PROCESS", < 0.90 => "PROCESSED", < 0.95 => "CONVERTED", _ => "JUNK" };
    }

    private static int Responsible(Random random, IReadOnlyList<int> users)
    {
        var r = random.NextDouble();
        return users.Count == 1 || r < 0.5 ? users[0] : users[1 + (int)((r - 0.5) / 0.5 * (users.Count - 1))];
    }

    /// <summary>15% without an amount; the rest spread evenly on a log scale from 50 to 100,000.</summary>
    private static decimal Amount(Random random) => random.NextDouble() < 0.15
        ? 0m
        : Math.Round((decimal)Math.Exp(Math.Log(50) + random.NextDouble() * (Math.Log(100_000) - Math.Log(50))), 2);

    private static string Brand(Random random)
    {
        var s = LeadWords.BrandSyllables;
        var name = s[random.Next(s.Length)] + s[random.Next(s.Length)] + s[random.Next(s.Length)];
        return char.ToUpperInvariant(name[0]) + name[1..];
    }

    private static string Phone(Random random) =>
        $"+{random.Next(1, 50)} {random.Next(100, 999)} {random.Next(100, 999)} {random.Next(1000, 9999)}";

    private static string Domain(string company, string last) =>
        (company.Length > 0 ? string.Concat(company.Split(' ').SkipLast(1)) : last + "-mail").ToLowerInvariant() + ".example";
}
