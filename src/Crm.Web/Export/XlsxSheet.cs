using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Crm.Web.Export;

/// <summary>
/// Streams the worksheet XML with <see cref="OpenXmlWriter"/> (SAX): one row in memory at a time,
/// whatever the number of rows. Numbers, booleans and dates are typed cells; strings are inline
/// strings (no shared-string table to hold in memory).
/// </summary>
internal sealed class XlsxSheet(OpenXmlWriter writer)
{
    private const string XmlNamespace = "http://www.w3.org/XML/1998/namespace";
    private static readonly DateOnly FirstSerialDate = new(1900, 3, 1);
    private static readonly DateOnly SerialZero = new(1899, 12, 30);

    // Reused for every cell: the writer copies what it needs.
    private readonly Cell _cell = new();
    private readonly CellValue _value = new();
    private readonly InlineString _inline = new();
    private readonly Text _text = new();
    private readonly List<OpenXmlAttribute> _attributes = new(3);
    private readonly OpenXmlAttribute[] _preserveSpace = [new("xml", "space", XmlNamespace, "preserve")];

    public static async Task Write(Stream stream, IReadOnlyList<string> headers, IAsyncEnumerable<IReadOnlyList<object?>> rows, CancellationToken ct)
    {
        using var writer = OpenXmlWriter.Create(stream);
        var sheet = new XlsxSheet(writer);
        writer.WriteStartDocument(true);
        writer.WriteStartElement(new Worksheet());
        // The header stays in view while scrolling.
        writer.WriteElement(new SheetViews(new SheetView(new Pane
        {
            VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen,
        }) { WorkbookViewId = 0 }));
        if (headers.Count > 0)
            writer.WriteElement(new Columns(headers.Select((h, i) => new Column
            {
                Min = (uint)i + 1, Max = (uint)i + 1, CustomWidth = true, Width = Math.Clamp(h.Length + 4, 10, 60),
            })));
        writer.WriteStartElement(new SheetData());

        sheet.StartRow(1);
        for (var i = 0; i < headers.Count; i++)
            sheet.TextCell(1, i, headers[i], XlsxPackage.HeaderStyle);
        writer.WriteEndElement();

        var number = 1L;
        await foreach (var row in rows.WithCancellation(ct))
        {
            ct.ThrowIfCancellationRequested();
            ExportValue.CheckWidth(row, headers.Count, number);
            number++;
            sheet.StartRow(number);
            for (var i = 0; i < row.Count; i++)
                sheet.Cell(number, i, ExportValue.Of(row[i], i));
            writer.WriteEndElement();
        }

        writer.WriteEndElement(); // sheetData
        writer.WriteEndElement(); // worksheet
        writer.Close();
    }

    private void StartRow(long number) =>
        writer.WriteStartElement(new Row(), [new OpenXmlAttribute("r", "", number.ToString(CultureInfo.InvariantCulture))]);

    private void Cell(long row, int column, ExportValue value)
    {
        switch (value.Kind)
        {
            case ExportKind.Text:
                TextCell(row, column, value.Text, style: null);
                break;
            case ExportKind.Number:
                ValueCell(row, column, type: null, style: null, value.Text);
                break;
            case ExportKind.Boolean:
                ValueCell(row, column, "b", style: null, value.Boolean ? "1" : "0");
                break;
            case ExportKind.Date when value.Date >= FirstSerialDate:
                ValueCell(row, column, type: null, XlsxPackage.DateStyle, (value.Date.DayNumber - SerialZero.DayNumber).ToString(CultureInfo.InvariantCulture));
                break;
            case ExportKind.DateTime when DateOnly.FromDateTime(value.DateTime.DateTime) >= FirstSerialDate:
                // Spreadsheets have no time zones: the clock time at the value's own offset.
                ValueCell(row, column, type: null, XlsxPackage.DateTimeStyle, value.DateTime.DateTime.ToOADate().ToString("R", CultureInfo.InvariantCulture));
                break;
            case ExportKind.Date:
                // Before March 1900 Excel's day numbers are wrong or missing (its 1900 leap-year bug): ISO text.
                TextCell(row, column, value.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), style: null);
                break;
            case ExportKind.DateTime:
                TextCell(row, column, value.DateTime.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture), style: null);
                break;
            // Empty: no cell at all.
        }
    }

    private void TextCell(long row, int column, string text, uint? style)
    {
        StartCell(row, column, "inlineStr", style);
        writer.WriteStartElement(_inline);
        writer.WriteStartElement(_text, _preserveSpace);
        writer.WriteString(XlsxText.ForCell(text));
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    private void ValueCell(long row, int column, string? type, uint? style, string value)
    {
        StartCell(row, column, type, style);
        writer.WriteStartElement(_value);
        writer.WriteString(value);
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    private void StartCell(long row, int column, string? type, uint? style)
    {
        _attributes.Clear();
        _attributes.Add(new OpenXmlAttribute("r", "", Reference(row, column)));
        if (style is { } s) _attributes.Add(new OpenXmlAttribute("s", "", s.ToString(CultureInfo.InvariantCulture)));
        if (type is not null) _attributes.Add(new OpenXmlAttribute("t", "", type));
        writer.WriteStartElement(_cell, _attributes);
    }

    /// <summary>"A1" style reference: column letters (A..Z, AA..) and the row number.</summary>
    public static string Reference(long row, int column)
    {
        Span<char> letters = stackalloc char[4];
        var at = letters.Length;
        for (var n = column + 1; n > 0; n = (n - 1) / 26)
            letters[--at] = (char)('A' + (n - 1) % 26);
        return string.Concat(letters[at..], row.ToString(CultureInfo.InvariantCulture));
    }
}
