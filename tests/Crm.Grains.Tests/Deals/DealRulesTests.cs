using Crm.Grains.Deals;
using Crm.Grains.Interfaces.Common;
using Crm.Grains.Interfaces.Deals;

namespace Crm.Grains.Tests.Deals;

public class DealRulesTests
{
    private static readonly DealFields Valid = new("Website", 100m, "usd", 1);

    private static string Code(DealFields fields) => Assert.Throws<CrmException>(() => DealRules.Check(fields)).Code;

    [Fact]
    public void Valid_fields_are_normalised()
    {
        var checkedFields = DealRules.Check(Valid with { Title = "  Website  " });
        Assert.Equal("Website", checkedFields.Title);
        Assert.Equal("USD", checkedFields.Currency);
    }

    [Fact]
    public void Title_is_required_and_at_most_255_characters()
    {
        Assert.Equal("title_required", Code(Valid with { Title = "" }));
        Assert.Equal("title_required", Code(Valid with { Title = "   " }));
        Assert.Equal("title_too_long", Code(Valid with { Title = new string('x', 256) }));
        Assert.Equal(255, DealRules.Check(Valid with { Title = new string('x', 255) }).Title.Length);
    }

    [Fact]
    public void Amount_is_not_negative_and_has_at_most_two_decimals()
    {
        Assert.Equal("negative_amount", Code(Valid with { Amount = -0.01m }));
        Assert.Equal("amount_precision", Code(Valid with { Amount = 1.005m }));
        Assert.Equal(1.5m, DealRules.Check(Valid with { Amount = 1.500m }).Amount);
        Assert.Equal(0m, DealRules.Check(Valid with { Amount = 0m }).Amount);
    }

    [Theory]
    [InlineData("XXX")]
    [InlineData("")]
    [InlineData("dollars")]
    public void Currency_must_be_known(string currency) => Assert.Equal("unknown_currency", Code(Valid with { Currency = currency }));

    [Fact]
    public void Close_date_cannot_precede_begin_date() =>
        Assert.Equal("close_before_begin", Code(Valid with { BeginDate = new DateOnly(2026, 5, 2), CloseDate = new DateOnly(2026, 5, 1) }));

    [Fact]
    public void A_responsible_user_is_required() => Assert.Equal("responsible_required", Code(Valid with { ResponsibleId = 0 }));
}
