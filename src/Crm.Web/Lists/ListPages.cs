using Microsoft.Extensions.Options;
using Npgsql;

namespace Crm.Web.Lists;

/// <summary>What one list request reads.</summary>
/// <param name="Table">The read-model table.</param>
/// <param name="Columns">The columns the row reader reads, in order.</param>
/// <param name="Where">Adds the request's parameters and returns its conditions; called once per statement.</param>
/// <param name="Order">The ORDER BY list, ending with id so the order is total.</param>
/// <param name="ById">Whether <paramref name="Order"/> is by id alone (either direction).</param>
/// <param name="Searches">Whether the conditions include a full-text search.</param>
/// <param name="Filter">The request's filter conditions, if any.</param>
public sealed record ListQuery(string Table, string Columns, Func<NpgsqlParameterCollection, string> Where, string Order, bool ById,
    bool Searches, ListFilter? Filter);

/// <summary>
/// How every list (leads, deals, contacts, companies) reads a page and counts its matches. Measured
/// over a million leads (BENCHMARKS.md, lists):
/// <list type="bullet">
/// <item>An exact <c>count(*) OVER ()</c> read every matching row: 6 s for the unfiltered first page.
/// Counting now stops at <see cref="Cap"/> rows past the page's start ("more than" beyond it), so the
/// pager still knows whether a next page exists.</item>
/// <item>No count at all when the page is not full: its rows are all there are.</item>
/// <item>A count whose conditions no index answers alone (full-text search, custom fields) reads a
/// table row per match, and when the matches are rare among the rows it reads (a search within a
/// status) nearly the whole table: it may take <see cref="ListOptions.CountBudget"/>, after which the total is
/// left at "more than" the page.</item>
/// <item>Planned for the values at hand: the server prepares statements it runs often, and a prepared
/// list query could keep one plan for a word in a third of the leads and for a word in twenty.</item>
/// <item>Sorted by id and filtered by creation time, the matching ids are found first and sorted:
/// ids grow with creation time, so the planner's usual plan (walk the id index until enough rows
/// match) read nearly the whole table for "created in the last 30 days".</item>
/// </list>
/// </summary>
public sealed class ListPages(NpgsqlDataSource db, IOptions<ListOptions> options)
{
    /// <summary>
    /// How far past the page's start counting goes. 10,000 was measured too: a count of custom field or
    /// full-text matches then took 50-90 ms on its own, with 1,000 about 7-25 ms.
    /// </summary>
    public const int Cap = 1_000;

    /// <summary>Reads one page and the total.</summary>
    public async Task<(List<T> Items, int Total, bool TotalIsExact)> Read<T>(ListQuery query, int offset, int limit,
        Func<NpgsqlDataReader, T> read)
    {
        var (table, columns, order) = (query.Table, query.Columns, query.Order);
        await using var connection = await db.OpenConnectionAsync();
        // SET LOCAL: these settings end with this transaction (read only: disposing it rolls it back),
        // not with the pooled connection.
        await using var transaction = await connection.BeginTransactionAsync();
        var items = new List<T>();
        await using (var page = new NpgsqlBatch(connection, transaction))
        {
            page.BatchCommands.Add(new("SET LOCAL plan_cache_mode = force_custom_plan"));
            var select = new NpgsqlBatchCommand();
            var conditions = query.Where(select.Parameters);
            select.Parameters.Add(new() { Value = offset });
            select.Parameters.Add(new() { Value = limit + 1 }); // one more row tells whether a next page exists
            var (o, l) = ($"${select.Parameters.Count - 1}", $"${select.Parameters.Count}");
            select.CommandText = query.ById && query.Filter?.Filters("createdAt") == true
                ? $"""
                    SELECT {columns} FROM {table}
                    WHERE (portal_id, id) IN (
                        SELECT portal_id, id FROM (SELECT portal_id, id FROM {table} WHERE {conditions} OFFSET 0) matches
                        ORDER BY {order} OFFSET {o} LIMIT {l})
                    ORDER BY {order}
                    """
                : $"""
                    SELECT {columns} FROM {table}
                    WHERE {conditions}
                    ORDER BY {order} OFFSET {o} LIMIT {l}
                    """;
            page.BatchCommands.Add(select);
            await using var reader = await page.ExecuteReaderAsync();
            while (await reader.ReadAsync()) items.Add(read(reader));
        }

        if (items.Count <= limit && (items.Count > 0 || offset == 0))
            return (items, offset + items.Count, true);
        var hasMore = items.Count > limit;
        if (hasMore) items.RemoveAt(limit);

        await using var count = new NpgsqlBatch(connection, transaction);
        // An empty page past the end is counted without a budget: nothing else says how many there are.
        if (hasMore) count.BatchCommands.Add(new($"SET LOCAL statement_timeout = {(int)options.Value.CountBudget.TotalMilliseconds}"));
        var counting = new NpgsqlBatchCommand();
        var matching = query.Where(counting.Parameters);
        counting.Parameters.Add(new() { Value = offset + Cap + 1 });
        // A search is counted in id order: the planner then walks an index and stops at the cap unless
        // the words are rare, where it would otherwise first gather every row holding a common word
        // (a GIN bitmap, which let a count run 90-130 ms past its 25 ms budget).
        counting.CommandText = $"""
            SELECT count(*) FROM (
                SELECT FROM {table} WHERE {matching}{(query.Searches ? " ORDER BY id" : "")} LIMIT ${counting.Parameters.Count}) counted
            """;
        count.BatchCommands.Add(counting);
        try
        {
            var counted = (long)(await count.ExecuteScalarAsync())!;
            return counted > offset + Cap ? (items, offset + Cap, false) : (items, (int)counted, true);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.QueryCanceled)
        {
            // Out of time: all that is known is that a next page exists.
            return (items, offset + limit, false);
        }
    }
}
