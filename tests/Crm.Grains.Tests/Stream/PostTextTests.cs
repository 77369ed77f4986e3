using Crm.Grains.Stream;

namespace Crm.Grains.Tests.Stream;

/// <summary>Rich text of posts and comments: formatting and mentions kept, anything that runs or restyles the page removed.</summary>
public sealed class PostTextTests
{
    [Theory]
    [InlineData("<p>Hi <script>alert(1)</script>there</p>", "<p>Hi there</p>")]
    [InlineData("<b onclick=\"steal()\">bold</b>", "<b>bold</b>")]
    [InlineData("<iframe src=\"https://evil.test\"></iframe>text", "text")]
    [InlineData("<style>body{display:none}</style><i>x</i>", "<i>x</i>")]
    [InlineData("<a href=\"javascript:alert(1)\">link</a>", "<a>link</a>")]
    [InlineData("<img src=x onerror=alert(1)>words", "words")]
    [InlineData("<ul><li>one</li></ul>", "<ul><li>one</li></ul>")]
    public void Markup_is_cut_down_to_the_allow_list(string html, string expected) =>
        Assert.Equal(expected, PostText.Clean(html, "text"));

    [Fact]
    public void Links_open_apart_and_plain_text_keeps_its_lines_and_angle_brackets()
    {
        Assert.Equal("<a href=\"https://example.test/\" rel=\"noopener noreferrer nofollow\" target=\"_blank\">site</a>",
            PostText.Clean("<a href=\"https://example.test/\">site</a>", "text"));
        Assert.Equal("Tom's line<br>a &amp; b", PostText.Clean("Tom's line\na & b", "text"));
        Assert.Equal("1 &lt; 2 and 3 &gt; 2", PostText.Clean("1 < 2 and 3 > 2", "text"));
    }

    [Fact]
    public void Empty_or_oversized_text_is_refused_with_the_field()
    {
        Assert.Equal("text_required", Assert.Throws<CrmException>(() => PostText.Clean("  <script>x</script> ", "text")).Code);
        Assert.Equal("text_required", Assert.Throws<CrmException>(() => PostText.Clean(null, "text")).Code);
        var tooLong = Assert.Throws<CrmException>(() => PostText.Clean(new string('a', PostText.MaxLength + 1), "body"));
        Assert.Equal(("text_too_long", "body"), (tooLong.Code, tooLong.Field));
    }

    [Fact]
    public void Mentions_are_read_once_each_and_malformed_ones_ignored()
    {
        var html = PostText.Clean("<a data-mention=\"user:12\">@Ann</a> <a data-mention=\"department:3\">@Sales</a> " +
            "<a data-mention=\"user:12\">@Ann</a> <a data-mention=\"user:x\">@?</a> <a data-mention=\"robot:1\">@r</a> <span data-mention=\"user:-4\">n</span>", "text");
        Assert.Equal([new Mention(false, 12), new Mention(true, 3)], PostText.Mentions(html));
        Assert.Equal("@Ann @Sales @Ann @? @r n", PostText.PlainText(html));
        Assert.Equal("@Ann @Sales…", PostText.Preview(html, 12));
    }
}
