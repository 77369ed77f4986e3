using Crm.Grains.Outbox;

namespace Crm.Grains.Tests.Outbox;

public class WebhookUrlRulesTests
{
    [Theory]
    [InlineData("https://hooks.example.com/crm", "https://hooks.example.com/crm")]
    [InlineData("  http://example.org:8080/a?b=c  ", "http://example.org:8080/a?b=c")]
    [InlineData("https://xn--bcher-kva.example/hook", "https://xn--bcher-kva.example/hook")]
    public void A_url_naming_a_host_by_name_is_accepted(string url, string expected) =>
        Assert.Equal(new Uri(expected), WebhookUrlRules.Check(url));

    [Theory]
    [InlineData("http://127.0.0.1/hook")]
    [InlineData("http://0177.0.0.1/hook")]          // octal
    [InlineData("http://2130706433/hook")]          // one decimal number
    [InlineData("http://0x7f.1/hook")]              // hex, short form
    [InlineData("http://0x7f000001/hook")]
    [InlineData("http://127.1/hook")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://[::ffff:127.0.0.1]/hook")]  // IPv4-mapped
    [InlineData("http://10.1.2.3/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://8.8.8.8/hook")]             // public, but still an address: names only
    [InlineData("http://１２７.0.0.1/hook")]         // full-width digits
    [InlineData("http://127.0.0.1./hook")]          // trailing dot
    [InlineData("http://0/hook")]
    public void An_ip_address_in_any_notation_is_refused_with_a_clear_error(string url)
    {
        var e = Assert.Throws<CrmException>(() => WebhookUrlRules.Check(url));
        Assert.Equal(CrmErrorKind.Invalid, e.Kind);
        Assert.Equal("webhook_url_ip_address", e.Code);
        Assert.Equal("url", e.Field);
        Assert.Contains("IP address", e.Message);
    }

    [Theory]
    [InlineData("", "webhook_url_required")]
    [InlineData(null, "webhook_url_required")]
    [InlineData("/relative/path", "webhook_url_invalid")]
    [InlineData("example.com/hook", "webhook_url_invalid")]
    [InlineData("ftp://example.com/hook", "webhook_url_scheme")]
    [InlineData("file:///etc/passwd", "webhook_url_invalid")]
    [InlineData("javascript:alert(1)", "webhook_url_invalid")]
    [InlineData("https://user:secret@example.com/hook", "webhook_url_credentials")]
    [InlineData("https://token@example.com/hook", "webhook_url_credentials")]
    public void A_url_of_the_wrong_form_is_refused_saying_what_is_wrong(string? url, string code)
    {
        var e = Assert.Throws<CrmException>(() => WebhookUrlRules.Check(url, "robot.url"));
        Assert.Equal(code, e.Code);
        Assert.Equal("robot.url", e.Field);
    }

    [Fact]
    public void An_overlong_url_is_refused() =>
        Assert.Equal("webhook_url_too_long", Assert.Throws<CrmException>(() => WebhookUrlRules.Check("https://example.com/" + new string('a', 2100))).Code);

    [Theory]
    [InlineData("http://127.0.0.1:5000/hook")]
    [InlineData("http://[::1]/hook")]
    public void The_form_check_alone_leaves_addresses_to_the_connect_time_guard(string url) =>
        Assert.Equal(new Uri(url), WebhookUrlRules.CheckForm(url));
}
