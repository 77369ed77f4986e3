using System.Text;
using CsvHelper;
using Crm.Web.Export;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;

namespace Crm.Web.Tests;

/// <summary>The CSV and xlsx export writers, read back with CsvHelper and the Open XML SDK.</summary>
public class ExportWriterTests
{
    private static readonly string[] Payloads = ["=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=x", "\r=x"];
    private static readonly string[] Headers = ["Title", "Amount", "Open", "Created", "Due"];

    private static async IAsyncEnumerable<IReadOnlyList<object?>> Rows(params object?[][] rows)
    {
        foreach (var row in rows)
        {
            await Task.Yield();
            yield return row;
        }
    }

    private static async Task<byte[]> Csv(IReadOnlyList<string> headers, params object?[][] rows)
    {
        var output = new AsyncOnlyStream();
        await CsvExport.Write(output, headers, Rows(rows), CancellationToken.None);
        return output.Written.ToArray();
    }

    private static async Task<byte[]> Xlsx(IReadOnlyList<string> headers, params object?[][] rows)
    {
        var output = new AsyncOnlyStream();
        await XlsxExport.Write(output, headers, Rows(rows), CancellationToken.None);
        return output.Written.ToArray();
    }

    /// <summary>The CSV's records as CsvHelper reads them, header first.</summary>
    private static List<string[]> ReadCsv(byte[] file)
    {
        using var reader = CsvReader.Create(file, new CsvReaderOptions { HasHeader = false });
        var records = new List<string[]>();
        while (reader.Read())
            records.Add(reader.Current.ToArray());
        return records;
    }

    private sealed record XCell(string Reference, string Type, string Text, uint Style);

    /// <summary>The sheet's rows as the Open XML SDK reads them; fails on anything the SDK finds invalid.</summary>
    private static List<List<XCell>> ReadXlsx(byte[] file, out Stylesheet styles)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(file), false);
        Assert.Empty(new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}"));
        var workbook = document.WorkbookPart!;
        var sheet = Assert.Single(workbook.Workbook.Sheets!.Elements<Sheet>());
        Assert.Equal("Export", sheet.Name?.Value);
        styles = workbook.WorkbookStylesPart!.Stylesheet;
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!.Value!);
        return part.Worksheet.GetFirstChild<SheetData>()!.Elements<Row>()
            .Select(r => r.Elements<Cell>().Select(c => new XCell(
                c.CellReference!.Value!,
                c.DataType is null ? "n" : c.DataType.Value == CellValues.InlineString ? "inlineStr" : c.DataType.Value == CellValues.Boolean ? "b" : "other",
                c.DataType?.Value == CellValues.InlineString ? c.InlineString!.Text!.Text : c.CellValue?.Text ?? "",
                c.StyleIndex?.Value ?? 0)).ToList())
            .ToList();
    }

    private static List<List<XCell>> ReadXlsx(byte[] file) => ReadXlsx(file, out _);

    [Fact]
    public void Text_starting_like_a_formula_gets_an_apostrophe_and_other_text_does_not()
    {
        Assert.All(Payloads, p => Assert.Equal("'" + p, FormulaGuard.Neutralise(p)));
        Assert.Equal("'\0x", FormulaGuard.Neutralise("\0x"));
        Assert.Equal(["", "a=1", " =1", "'=1", "1-2", "Ana"], new[] { "", "a=1", " =1", "'=1", "1-2", "Ana" }.Select(FormulaGuard.Neutralise));
    }

    [Fact]
    public async Task Csv_neutralises_formulas_in_text_and_headers_but_keeps_numbers_bools_and_dates_typed()
    {
        var created = new DateTimeOffset(2026, 3, 14, 9, 26, 53, 589, TimeSpan.FromHours(1));
        var file = await Csv(["=HEADER", "Amount", "Open", "Created", "Due"],
            [.. Payloads.Select(p => new object?[] { p, -12.50m, true, created, new DateOnly(2026, 4, 1) })]);

        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), file[..3]);
        var records = ReadCsv(file);
        Assert.Equal(["'=HEADER", "Amount", "Open", "Created", "Due"], records[0]);
        Assert.Equal(Payloads.Select(p => "'" + p), records.Skip(1).Select(r => r[0]));
        Assert.All(records.Skip(1), r => Assert.Equal(["-12.50", "TRUE", "2026-03-14T09:26:53+01:00", "2026-04-01"], r[1..]));
        // The number is written bare, not quoted or escaped: a spreadsheet reads it as a number.
        Assert.Contains(",-12.50,TRUE,", Encoding.UTF8.GetString(file));
    }

    [Fact]
    public async Task Csv_keeps_quoted_line_breaks_commas_quotes_and_unicode()
    {
        var text = "Line one, \"quoted\"\r\nline two\nline three";
        var unicode = "Žužemberk — 東京 — Ελλάδα — 😀";
        var records = ReadCsv(await Csv(["Title", "Place"], [text, unicode], [null, 42L]));
        Assert.Equal([text, unicode], records[1]);
        Assert.Equal(["", "42"], records[2]);
        Assert.Equal(3, records.Count);
    }

    [Fact]
    public async Task Csv_of_no_rows_is_the_header_line()
    {
        var file = await Csv(Headers);
        Assert.Equal(Headers, Assert.Single(ReadCsv(file)));
        Assert.Equal("\uFEFFTitle,Amount,Open,Created,Due\r\n", Encoding.UTF8.GetString(file));
    }

    [Fact]
    public async Task Xlsx_neutralises_formulas_in_inline_strings_and_headers_and_keeps_numbers_numeric()
    {
        var rows = await Xlsx(["@Header", "Amount", "Count", "Big"],
            [.. Payloads.Select((p, i) => new object?[] { p, -12.5m - i, i, 9_000_000_000L })]);
        var sheet = ReadXlsx(rows);

        Assert.Equal(("A1", "inlineStr", "'@Header"), (sheet[0][0].Reference, sheet[0][0].Type, sheet[0][0].Text));
        // A cell's line break is Excel's (LF); the carriage return of the last payload becomes one.
        Assert.Equal(Payloads.Select(p => "'" + p.Replace('\r', '\n')), sheet.Skip(1).Select(r => r[0].Text));
        Assert.All(sheet.Skip(1), r => Assert.Equal("inlineStr", r[0].Type));
        Assert.Equal(["-12.5", "-13.5", "-14.5"], sheet.Skip(1).Take(3).Select(r => r[1].Text));
        Assert.All(sheet.Skip(1), r => Assert.Equal(["n", "n", "n"], r.Skip(1).Select(c => c.Type)));
        Assert.Equal(("D7", "9000000000"), (sheet[6][3].Reference, sheet[6][3].Text));
    }

    [Fact]
    public async Task Xlsx_has_a_bold_header_boolean_cells_and_dates_as_day_numbers_with_a_date_format()
    {
        var created = new DateTimeOffset(2026, 3, 14, 18, 0, 0, TimeSpan.FromHours(2));
        var sheet = ReadXlsx(await Xlsx(Headers, ["Deal", 1200m, false, created, new DateOnly(2026, 4, 1)], ["Old", 0m, true, null, new DateOnly(1899, 1, 1)]), out var styles);

        var formats = styles.CellFormats!.Elements<CellFormat>().ToList();
        var fonts = styles.Fonts!.Elements<Font>().ToList();
        Assert.All(sheet[0], c => Assert.NotNull(fonts[(int)formats[(int)c.Style].FontId!.Value].Bold));
        Assert.Null(fonts[(int)formats[(int)sheet[1][0].Style].FontId!.Value].Bold);

        Assert.Equal(("b", "0"), (sheet[1][2].Type, sheet[1][2].Text));
        Assert.Equal(("b", "1"), (sheet[2][2].Type, sheet[2][2].Text));
        // 2026-03-14 18:00 is day 46095.75 counted Excel's way; 2026-04-01 is day 46113.
        Assert.Equal(("n", 46095.75), (sheet[1][3].Type, double.Parse(sheet[1][3].Text, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(("n", "46113"), (sheet[1][4].Type, sheet[1][4].Text));
        var dateFormats = styles.NumberingFormats!.Elements<NumberingFormat>().ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode!.Value);
        Assert.Equal("yyyy-mm-dd hh:mm:ss", dateFormats[formats[(int)sheet[1][3].Style].NumberFormatId!.Value]);
        Assert.Equal("yyyy-mm-dd", dateFormats[formats[(int)sheet[1][4].Style].NumberFormatId!.Value]);

        // An empty value is no cell; a date before Excel's day numbers is ISO text.
        Assert.Equal(["A3", "B3", "C3", "E3"], sheet[2].Select(c => c.Reference));
        Assert.Equal(("inlineStr", "1899-01-01"), (sheet[2][3].Type, sheet[2][3].Text));
    }

    [Fact]
    public async Task Xlsx_keeps_multi_line_text_spaces_and_unicode_and_drops_what_xml_cannot_carry()
    {
        var sheet = ReadXlsx(await Xlsx(["Title", "Notes", "Raw"],
            ["  Line one\r\nline two  ", "Žužemberk — 東京 — 😀", "\u0001=cmd\u0007 bell\uFFFF \ud800x _x0041_"]));
        Assert.Equal("  Line one\nline two  ", sheet[1][0].Text);
        Assert.Equal("Žužemberk — 東京 — 😀", sheet[1][1].Text);
        // A stripped control character must not uncover a formula; Excel's own _xHHHH_ escape is escaped.
        Assert.Equal("'=cmd bell x _x005F_x0041_", sheet[1][2].Text);
    }

    [Fact]
    public async Task Xlsx_of_no_rows_is_the_header_row()
    {
        var sheet = ReadXlsx(await Xlsx(Headers));
        Assert.Equal(Headers, Assert.Single(sheet).Select(c => c.Text));
    }

    [Fact]
    public async Task Columns_past_z_are_named_like_excel_names_them()
    {
        var headers = Enumerable.Range(1, 30).Select(i => $"C{i}").ToArray();
        var sheet = ReadXlsx(await Xlsx(headers, [.. Enumerable.Range(1, 30).Select(i => (object?)i)]));
        Assert.Equal(("Z2", "AA2", "AD2"), (sheet[1][25].Reference, sheet[1][26].Reference, sheet[1][29].Reference));
    }

    [Fact]
    public async Task A_row_of_the_wrong_width_or_a_value_of_an_unknown_type_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Csv(["A", "B"], ["only one"]));
        await Assert.ThrowsAsync<ArgumentException>(() => Xlsx(["A", "B"], ["a", "b", "c"]));
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Csv(["A", "B"], ["a", Guid.Empty]));
        Assert.Contains("Column 2", error.Message);
    }

    [Fact]
    public async Task Cancelling_stops_the_export()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => XlsxExport.Write(new AsyncOnlyStream(), Headers, Rows(["a", 1m, true, null, null]), cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => CsvExport.Write(new AsyncOnlyStream(), Headers, Rows(["a", 1m, true, null, null]), cancelled.Token));
    }

    /// <summary>Like an HTTP response body: write-only, not seekable, and synchronous writes fail.</summary>
    private sealed class AsyncOnlyStream : Stream
    {
        public MemoryStream Written { get; } = new();

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => throw new InvalidOperationException("Synchronous flush.");
        public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("Synchronous write.");
        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Written.Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
