using System.Text;
using Crm.Web.ActivityStream;

namespace Crm.Web.Tests.ActivityStream;

/// <summary>An upload is what its bytes are: a name that lies about the contents is refused.</summary>
public sealed class FileSnifferTests
{
    [Theory]
    [InlineData("photo.PNG", new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1 }, "image/png")]
    [InlineData("scan.jpeg", new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, "image/jpeg")]
    [InlineData("report.pdf", new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31 }, "application/pdf")]
    [InlineData("sheet.xlsx", new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14 }, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    public void A_file_whose_bytes_match_its_name_is_taken_as_that_type(string name, byte[] head, string expected) =>
        Assert.Equal(expected, FileSniffer.Sniff(name, head));

    [Theory]
    [InlineData("photo.png", "<html><body>hi</body></html>")]
    [InlineData("notes.txt", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>")]
    [InlineData("notes.csv", "a,b\n<script>alert(1)</script>")]
    [InlineData("report.pdf", "MZ\u0090 this is a program")]
    [InlineData("sheet.xlsx", "%PDF-1.4 a pdf in disguise")]
    public void A_file_whose_bytes_do_not_match_its_name_is_refused(string name, string contents) =>
        Assert.Equal("disguised_file_type", Assert.Throws<CrmException>(() => FileSniffer.Sniff(name, Encoding.UTF8.GetBytes(contents))).Code);

    [Fact]
    public void Binary_bytes_are_not_text_and_unknown_kinds_are_not_taken()
    {
        Assert.Equal("disguised_file_type", Assert.Throws<CrmException>(() => FileSniffer.Sniff("data.txt", [0x41, 0x00, 0x42])).Code);
        Assert.Equal("disguised_file_type", Assert.Throws<CrmException>(() => FileSniffer.Sniff("data.txt", [0xC3, 0x28])).Code);
        Assert.Equal("unsupported_file_type", Assert.Throws<CrmException>(() => FileSniffer.Sniff("page.html", "<p>hi</p>"u8.ToArray())).Code);
        Assert.Equal("unsupported_file_type", Assert.Throws<CrmException>(() => FileSniffer.Sniff("no-extension", [1, 2, 3])).Code);
        Assert.Equal("text/plain; charset=utf-8", FileSniffer.Sniff("hello.txt", Encoding.UTF8.GetBytes("Grüße, ünïcode\r\n\ttabs")));
    }

    [Fact]
    public void A_character_cut_by_the_end_of_the_head_still_counts_as_text()
    {
        var text = Encoding.UTF8.GetBytes(new string('a', FileSniffer.HeadLength - 1) + "é");
        Assert.Equal("text/plain; charset=utf-8", FileSniffer.Sniff("long.txt", text[..FileSniffer.HeadLength]));
    }
}
