namespace Crm.Web.Import;

/// <summary>A column of the file: its header, the field it fills (null: ignored) and its first few values, to check the mapping by eye.</summary>
public sealed record ImportColumn(int Index, string Header, string? Field, IReadOnlyList<string> Samples)
{
    public const int SampleCount = 3;

    public static IReadOnlyList<ImportColumn> Of(ImportFile file, ColumnMapping mapping) =>
        mapping.Headers.Select((header, i) => new ImportColumn(i, header, mapping.Targets[i]?.Key,
            file.Rows.Select(r => r.Cell(i).Trim()).Where(v => v.Length > 0).Take(SampleCount).Select(Shorten).ToList())).ToList();

    private static string Shorten(string value)
    {
        var line = value.ReplaceLineEndings(" ");
        return line.Length <= 60 ? line : line[..60] + "…";
    }
}

/// <summary>The dry run's answer: the mapping used, counts, and one line per row (ok, duplicate, error).</summary>
public sealed record ImportReport(ImportKind Kind, DuplicateMode Duplicates, IReadOnlyList<ImportColumn> Columns, int Total, int Ok,
    int Duplicate, int Errors, IReadOnlyList<RowResult> Rows)
{
    public static ImportReport Of<T>(ImportKind kind, DuplicateMode mode, ImportFile file, ColumnMapping mapping, ImportPlan<T> plan) where T : class
    {
        var rows = plan.Rows.Select(r => r switch
        {
            { Error: { } error } => RowResult.Failed(r.Row, error),
            { Duplicate: { } d } => new RowResult(r.Row, RowOutcome.Duplicate, $"duplicate of {d.Describe()}: {WouldBe(mode)}", d.RecordId, Duplicate: d),
            _ => new RowResult(r.Row, RowOutcome.Ok, ""),
        }).ToList();
        return new ImportReport(kind, mode, ImportColumn.Of(file, mapping), rows.Count, rows.Count(r => r.Outcome == RowOutcome.Ok),
            rows.Count(r => r.Outcome == RowOutcome.Duplicate), rows.Count(r => r.Outcome == RowOutcome.Error), rows);
    }

    private static string WouldBe(DuplicateMode mode) => mode switch
    {
        DuplicateMode.Skip => "would be skipped",
        DuplicateMode.Merge => "would be merged into it",
        _ => "would be created anyway",
    };
}
