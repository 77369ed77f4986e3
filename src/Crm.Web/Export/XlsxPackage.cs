using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Crm.Web.Export;

/// <summary>
/// Every part of an export workbook except the sheet's rows: content types, relationships, the
/// workbook with its one sheet, the styles. Made once by the Open XML SDK (so the package is what the
/// SDK considers valid) and kept as bytes; each export copies these parts and streams its own sheet.
/// </summary>
internal static class XlsxPackage
{
    public const string SheetName = "Export";

    /// <summary>Cell style indexes of <see cref="Styles"/>.</summary>
    public const uint HeaderStyle = 1, DateStyle = 2, DateTimeStyle = 3;

    private static readonly Lazy<Skeleton> Parts = new(Build);

    /// <summary>The zip entry name of the worksheet, which the export writes itself.</summary>
    public static string SheetEntry => Parts.Value.SheetEntry;

    /// <summary>The other parts as zip entries, [Content_Types].xml first as Office writes it.</summary>
    public static IReadOnlyList<(string Name, byte[] Content)> OtherEntries => Parts.Value.Others;

    private sealed record Skeleton(string SheetEntry, IReadOnlyList<(string Name, byte[] Content)> Others);

    private static Skeleton Build()
    {
        using var memory = new MemoryStream();
        string sheetEntry;
        using (var document = SpreadsheetDocument.Create(memory, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            var sheet = workbook.AddNewPart<WorksheetPart>();
            sheet.Worksheet = new Worksheet(new SheetData());
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            workbook.Workbook = new Workbook(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = SheetName }));
            sheetEntry = sheet.Uri.OriginalString.TrimStart('/');
        }

        memory.Position = 0;
        using var zip = new System.IO.Compression.ZipArchive(memory, System.IO.Compression.ZipArchiveMode.Read);
        var others = zip.Entries
            .Where(e => e.FullName != sheetEntry)
            .OrderBy(e => e.FullName == "[Content_Types].xml" ? 0 : 1)
            .Select(e =>
            {
                using var content = e.Open();
                using var copy = new MemoryStream();
                content.CopyTo(copy);
                return (e.FullName, copy.ToArray());
            })
            .ToList();
        return new Skeleton(sheetEntry, others);
    }

    /// <summary>Plain cells, a bold header, ISO dates and date-times (unambiguous in every locale).</summary>
    private static Stylesheet Styles() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy-mm-dd" },
            new NumberingFormat { NumberFormatId = 165, FormatCode = "yyyy-mm-dd hh:mm:ss" }) { Count = 2 },
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" })) { Count = 2 },
        // The first two fills are reserved by the format (none, gray125).
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
        new CellFormats(
            new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
            new CellFormat { NumberFormatId = 0, FontId = 1, FillId = 0, BorderId = 0, FormatId = 0, ApplyFont = true },
            new CellFormat { NumberFormatId = 164, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 165, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true }) { Count = 4 },
        new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
}
