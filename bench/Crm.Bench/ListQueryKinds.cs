using System.Globalization;
using System.Text.Json;

namespace Crm.Bench;

/// <summary>
/// One kind of list request: the first page (50 rows) of <c>GET /api/leads</c> with one kind of
/// condition. A kind has a few variants (other statuses, other words, other ranges), cycled through
/// by the iterations, so its figures are not those of one cached answer.
/// </summary>
public sealed record ListQueryKind(string Name, IReadOnlyList<string> Urls)
{
    public const int PageSize = 50;

    /// <summary>The kinds of the list benchmark over leads seeded by <see cref="LeadSeeder"/>.</summary>
    public static IReadOnlyList<ListQueryKind> All(IReadOnlyList<int> users, string segmentCode, IReadOnlyList<string> segmentItems, DateTimeOffset until)
    {
        string[] statuses = ["NEW", "IN_PROCESS", "PROCESSED", "CONVERTED", "JUNK"];
        string Day(TimeSpan back) => (until - back).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return
        [
            new("no filter (default sort)", [Url()]),
            new("status", statuses.Select(s => Url($"statusId={s}")).ToList()),
            new("responsible", users.Select(u => Filter(new { field = "responsibleId", op = "eq", value = u.ToString(CultureInfo.InvariantCulture) })).ToList()),
            new("source in list",
            [
                Filter(new { field = "sourceId", op = "in", values = new[] { "CALL", "EMAIL" } }),
                Filter(new { field = "sourceId", op = "in", values = new[] { "WEB", "WEBFORM", "CHAT" } }),
                Filter(new { field = "sourceId", op = "in", values = new[] { "PARTNER", "RECOMMENDATION" } }),
            ]),
            new("amount range",
            [
                Filter(new { field = "amount", op = "range", from = "100", to = "500" }),
                Filter(new { field = "amount", op = "range", from = "1000", to = "2000" }),
                Filter(new { field = "amount", op = "range", from = "5000", to = "10000" }),
                Filter(new { field = "amount", op = "range", from = "50000", to = "100000" }),
            ]),
            new("created-at range",
            [
                Filter(new { field = "createdAt", op = "range", from = Day(TimeSpan.FromDays(7)), to = Day(TimeSpan.Zero) }),
                Filter(new { field = "createdAt", op = "range", from = Day(TimeSpan.FromDays(30)), to = Day(TimeSpan.Zero) }),
                Filter(new { field = "createdAt", op = "range", from = Day(TimeSpan.FromDays(395)), to = Day(TimeSpan.FromDays(366)) }),
                Filter(new { field = "createdAt", op = "range", from = Day(TimeSpan.FromDays(640)), to = Day(TimeSpan.FromDays(550)) }),
            ]),
            new("custom list field equals", segmentItems.Select(i => Filter(new { field = segmentCode, op = "eq", value = i })).ToList()),
            new("search, common word", new[] { "request", "smith", "website", "global" }.Select(w => Url($"search={w}")).ToList()),
            new("search, rare word", new[] { "xanthopoulos", "zorvani", "quinbelta", "luxpenso" }.Select(w => Url($"search={w}")).ToList()),
            new("search + status", new[] { ("request", "NEW"), ("smith", "IN_PROCESS"), ("website", "CONVERTED"), ("global", "JUNK") }
                .Select(p => Url($"search={p.Item1}&statusId={p.Item2}")).ToList()),
        ];
    }

    private static string Url(string query = "") => $"/api/leads?pageSize={PageSize}" + (query.Length > 0 ? "&" + query : "");

    private static string Filter(object condition) => Url("filter=" + Uri.EscapeDataString(JsonSerializer.Serialize(new[] { condition })));
}
