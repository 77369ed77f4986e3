using Crm.Web.Import;

namespace Crm.Web.Tests.Import;

public sealed class CellRulesTests
{
    [Theory]
    [InlineData("=1+1")]
    [InlineData("  =HYPERLINK(\"http://evil.example\",\"click\")")]
    [InlineData("@SUM(A1:A2)")]
    [InlineData("+cmd|' /C calc'!A0")]
    [InlineData("-A1+B1")]
    [InlineData("\t=1+1")]
    public void Cells_a_spreadsheet_would_run_are_formula_payloads(string cell)
    {
        Assert.True(CellRules.IsFormula(cell));
        Assert.Equal(("formula_payload", "Notes"), (CellRules.Check(cell, "Notes")!.Code, CellRules.Check(cell, "Notes")!.Column));
    }

    [Theory]
    [InlineData("+1 555 0100")]
    [InlineData("+44 (20) 7946 0018")]
    [InlineData("+(44) 20 7946 0018")]
    [InlineData("-5")]
    [InlineData("- a list item")]
    [InlineData("-")]
    [InlineData("ann@example.com")]
    [InlineData("Plain text = fine")]
    [InlineData("")]
    public void Phones_negative_numbers_and_ordinary_text_pass(string cell)
    {
        Assert.False(CellRules.IsFormula(cell));
        Assert.Null(CellRules.Check(cell, "Notes"));
    }

    [Fact]
    public void A_cell_over_five_thousand_characters_is_too_long_and_names_its_column()
    {
        Assert.Null(CellRules.Check(new string('x', CellRules.MaxCellLength), "Comments"));
        var error = CellRules.Check(new string('x', 10_000), "Comments")!;
        Assert.Equal(("cell_too_long", "Comments"), (error.Code, error.Column));
        Assert.Contains("10,000", error.Message);
    }
}
