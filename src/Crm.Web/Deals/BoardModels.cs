using Crm.Grains.Interfaces.Deals;
using Crm.Grains.Interfaces.Pipelines;

namespace Crm.Web.Deals;

/// <summary>A sum of the deals of a column in one currency (deals keep their own currency).</summary>
public sealed record CurrencySum(string Currency, decimal Amount);

/// <summary>How many records a column (a stage, or a lead status) holds and what they add up to.</summary>
public sealed record ColumnTotals(string StageId, int Count, IReadOnlyList<CurrencySum> Sums)
{
    public static ColumnTotals Empty(string stageId) => new(stageId, 0, []);

    /// <summary>Runs a query answering (column, currency, count, sum) rows and groups them by column.</summary>
    public static async Task<Dictionary<string, ColumnTotals>> Read(Npgsql.NpgsqlCommand command)
    {
        var rows = new List<(string Column, string Currency, int Count, decimal Sum)>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                rows.Add((reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetDecimal(3)));
        return rows.GroupBy(r => r.Column).ToDictionary(
            g => g.Key,
            g => new ColumnTotals(g.Key, g.Sum(r => r.Count), g.OrderBy(r => r.Currency).Select(r => new CurrencySum(r.Currency, r.Sum)).ToList()));
    }
}

/// <summary>One column of a board snapshot: its totals and its first page of cards.</summary>
public sealed record BoardColumn(string StageId, ColumnTotals Totals, IReadOnlyList<Deal> Deals, bool HasMore);

/// <summary>A board as read from the read model: the pipeline's stages, and a column per stage.</summary>
public sealed record BoardSnapshot(Pipeline Pipeline, IReadOnlyList<BoardColumn> Columns);

/// <summary>A page of the deal list; the total is exact when <paramref name="TotalIsExact"/>, else more than <paramref name="Total"/> match.</summary>
public sealed record DealPage(IReadOnlyList<Deal> Items, int Total, bool TotalIsExact = true);
