using Crm.Web.Components.Pages.Stream;

namespace Crm.Web.Tests.ActivityStream;

/// <summary>A plain comment with picked mentions becomes escaped text whose "@Name"s are those people's mentions.</summary>
public sealed class CommentTextTests
{
    [Fact]
    public void Text_is_escaped_and_each_picked_name_becomes_a_mention()
    {
        var html = CommentText.Html(" a < b & <script>x</script>\n@Ann Lee and @Ann and @Nobody ", new Dictionary<string, int> { ["Ann Lee"] = 3, ["Ann"] = 4 });
        Assert.Equal("a &lt; b &amp; &lt;script&gt;x&lt;/script&gt;<br><a data-mention=\"user:3\">@Ann Lee</a> and <a data-mention=\"user:4\">@Ann</a> and @Nobody", html);
    }
}
