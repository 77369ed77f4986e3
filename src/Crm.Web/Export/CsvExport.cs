using System.Globalization;
using CsvHelper;

namespace Crm.Web.Export;

/// <summary>
/// Writes rows as CSV: UTF-8 with a byte order mark (without it Excel reads UTF-8 as the local code
/// page), commas, invariant numbers, ISO 8601 dates, RFC 4180 quoting (a line break inside a cell is
/// kept, quoted). CsvHelper writes to <c>output</c> only asynchronously, so it may be an HTTP
/// response body (which refuses synchronous writes and cannot seek).
/// </summary>
public static class CsvExport
{
    public const string ContentType = "text/csv; charset=utf-8";

    private static readonly CsvWriterOptions Options = new()
    {
        FormatProvider = CultureInfo.InvariantCulture,
        WriteByteOrderMark = true,
        // Neutralising is ours (FormulaGuard, text only): CsvHelper's would also escape "-5", a number.
        Injection = CsvInjection.None,
    };

    public static async Task Write(Stream output, IReadOnlyList<string> headers, IAsyncEnumerable<IReadOnlyList<object?>> rows, CancellationToken ct)
    {
        await using var csv = CsvWriter.Create(output, Options, leaveOpen: true);
        foreach (var header in headers)
            csv.WriteField(FormulaGuard.Neutralise(header));
        await csv.EndRecordAsync(ct);

        var number = 0L;
        await foreach (var row in rows.WithCancellation(ct))
        {
            ct.ThrowIfCancellationRequested();
            ExportValue.CheckWidth(row, headers.Count, ++number);
            for (var i = 0; i < row.Count; i++)
                csv.WriteField(Field(ExportValue.Of(row[i], i)));
            await csv.EndRecordAsync(ct);
        }
        await csv.FlushAsync(ct);
    }

    private static string Field(ExportValue value) => value.Kind switch
    {
        ExportKind.Text => FormulaGuard.Neutralise(value.Text),
        ExportKind.Number => value.Text,
        ExportKind.Boolean => value.Boolean ? "TRUE" : "FALSE",
        ExportKind.Date => value.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        // Whole seconds with the offset the value carries: what a person reading the file needs.
        ExportKind.DateTime => value.DateTime.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        _ => "",
    };
}
