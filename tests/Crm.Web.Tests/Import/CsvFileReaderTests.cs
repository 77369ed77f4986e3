using System.Text;
using Crm.Web.Import;

namespace Crm.Web.Tests.Import;

/// <summary>Reading uploaded files: encodings, separators, header, blank lines, quoting, limits (no server).</summary>
public sealed class CsvFileReaderTests
{
    private static ImportFile Read(string text) => CsvFileReader.Read(Encoding.UTF8.GetBytes(text));

    private static CrmException Refused(byte[] bytes, string code)
    {
        var e = Assert.Throws<CrmException>(() => CsvFileReader.Read(bytes));
        Assert.Equal((code, "file"), (e.Code, e.Field));
        return e;
    }

    [Fact]
    public void Utf8_with_and_without_a_byte_order_mark_and_utf16_with_one_read_the_same()
    {
        const string text = "Title,Company\r\nCafé deal,Société Générale\r\n";
        var forms = new[]
        {
            Encoding.UTF8.GetBytes(text),
            [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)],
            [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)],
            [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(text)],
        };
        foreach (var bytes in forms)
        {
            var file = CsvFileReader.Read(bytes);
            Assert.Equal(["Title", "Company"], file.Headers);
            Assert.Equal(["Café deal", "Société Générale"], Assert.Single(file.Rows).Cells);
        }
    }

    [Fact]
    public void A_windows_1252_file_is_refused_naming_the_line_and_how_to_save_it()
    {
        // "é" in Windows-1252 is the single byte 0xE9, which is not UTF-8.
        var bytes = Encoding.Latin1.GetBytes("Title,Company\nFirst,Acme\nCaf\u00e9 deal,Acme\n");
        var e = Refused(bytes, "wrong_encoding");
        Assert.Contains("Line 3", e.Message);
        Assert.Contains("CSV UTF-8", e.Message);
    }

    [Fact]
    public void Utf16_without_a_byte_order_mark_and_excel_workbooks_are_refused()
    {
        Assert.Contains("CSV UTF-8", Refused(Encoding.Unicode.GetBytes("Title\nA deal\n"), "wrong_encoding").Message);
        Assert.Contains("Excel", Refused([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00], "not_csv").Message);
    }

    [Theory]
    [InlineData("Title,Phone,Notes\nA,1,x\n", ',')]
    [InlineData("Title;Phone;Notes\nA;1;x,y\n", ';')]
    [InlineData("Title\tPhone\tNotes\nA\t1\tx;y\n", '\t')]
    [InlineData("\"Title, long\";Phone;Notes\nA;1;x\n", ';')]
    public void The_separator_is_the_one_the_header_line_uses_most_outside_quotes(string text, char separator)
    {
        var file = Read(text);
        Assert.Equal(separator, file.Separator);
        Assert.Equal(3, file.Headers.Count);
        Assert.Equal(3, Assert.Single(file.Rows).Cells.Count);
    }

    [Fact]
    public void Excels_separator_hint_line_names_the_separator_and_is_not_data()
    {
        var file = Read("sep=;\nTitle;Notes\nA;x,y\n");
        Assert.Equal((';', 2), (file.Separator, file.Rows[0].Row));
        Assert.Equal(["A", "x,y"], file.Rows[0].Cells);
    }

    [Fact]
    public void Blank_lines_are_skipped_and_rows_are_numbered_as_a_spreadsheet_shows_them()
    {
        // Lines: 1 header, 2 empty, 3-4 one record, 5 and 6 blank, 7 the last record; a spreadsheet shows it as row 6.
        var file = Read("Title,Comments\r\n\r\nFirst,\"line one\r\nline two\"\r\n,,\r\n   \r\nSecond,plain\r\n");
        Assert.Equal([3, 6], file.Rows.Select(r => r.Row));
        Assert.Equal("line one\r\nline two", file.Rows[0].Cells[1]);
        Assert.Null(file.Rows[0].Problem);
    }

    [Fact]
    public void Empty_and_repeated_headers_get_names_of_their_own()
    {
        var file = Read("Phone,,phone,Phone\n1,2,3,4\n");
        Assert.Equal(["Phone", "Column 2", "phone (2)", "Phone (3)"], file.Headers);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\r\n\r\n")]
    [InlineData("ann@example.com,Ann\nbob@example.com,Bob\n")]
    [InlineData("+44 20 7946 0018,Ann\n")]
    public void A_header_line_is_required(string text) =>
        Assert.Contains("name the columns", Refused(Encoding.UTF8.GetBytes(text), "header_required").Message);

    [Fact]
    public void A_ten_thousand_character_cell_is_read_whole()
    {
        var big = new string('x', 10_000);
        var file = Read($"Title,Comments\nA,\"{big}\"\nB,short\n");
        Assert.Equal(big, file.Rows[0].Cells[1]);
        Assert.Equal("short", file.Rows[1].Cells[1]);
    }

    [Fact]
    public void A_row_with_more_cells_than_columns_or_broken_quotes_carries_its_problem_and_the_others_are_read()
    {
        var file = Read("Title,Notes\nA,x,surplus\nB,y,\n\"C\" and more,z\nD,ok\n");
        Assert.Equal("extra_cells", file.Rows[0].Problem?.Code);
        Assert.Null(file.Rows[1].Problem); // an empty extra cell is harmless
        Assert.Equal("bad_quotes", file.Rows[2].Problem?.Code);
        Assert.Null(file.Rows[3].Problem);

        var unclosed = Read("Title,Notes\nA,x\nB,\"never closed\nC,z\n");
        Assert.Null(unclosed.Rows[0].Problem);
        Assert.Equal("bad_quotes", unclosed.Rows[1].Problem?.Code);
        Assert.Equal(2, unclosed.Rows.Count);
    }

    [Fact]
    public void A_lone_quote_inside_a_value_is_kept_as_text()
    {
        var file = Read("Title,Notes\n24\" screen,x\n");
        Assert.Equal("24\" screen", file.Rows[0].Cells[0]);
        Assert.Null(file.Rows[0].Problem);
    }

    [Fact]
    public void Files_over_the_row_or_size_limit_are_refused()
    {
        var rows = new StringBuilder("Title\n");
        for (var i = 0; i <= CsvFileReader.MaxRows; i++) rows.Append('r').Append(i).Append('\n');
        Assert.Contains("200,000", Refused(Encoding.UTF8.GetBytes(rows.ToString()), "too_many_rows").Message);

        var huge = new byte[CsvFileReader.MaxFileBytes + 1];
        Assert.Contains("50 MB", Refused(huge, "file_too_large").Message);
    }
}
