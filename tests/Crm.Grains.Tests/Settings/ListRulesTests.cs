using Crm.Grains.Interfaces.Common;
using Crm.Grains.Interfaces.Settings;
using Crm.Grains.Settings;

namespace Crm.Grains.Tests.Settings;

public class ListRulesTests
{
    private static readonly LeadStatus New = new("NEW", "New", "#2FC6F6", LeadStatusSemantic.InProgress);
    private static readonly LeadStatus Work = new("IN_PROCESS", "In process", "#55D0E0", LeadStatusSemantic.InProgress);
    private static readonly LeadStatus Converted = new("CONVERTED", "Good lead", "#7BD500", LeadStatusSemantic.Converted);
    private static readonly LeadStatus Junk = new("JUNK", "Junk lead", "#FF5752", LeadStatusSemantic.Junk);

    private static CrmException Error(Action act) => Assert.Throws<CrmException>(act);

    private static (string Code, string? Field) Refusal(IReadOnlyList<ListItem?> items)
    {
        var e = Error(() => ListRules.CheckItems(items));
        return (e.Code, e.Field);
    }

    private static (string Code, string? Field) Refusal(IReadOnlyList<LeadStatus?> statuses)
    {
        var e = Error(() => ListRules.CheckLeadStatuses(statuses));
        return (e.Code, e.Field);
    }

    [Fact]
    public void The_default_lists_are_valid()
    {
        Assert.Equal(DefaultLists.LeadStatuses, ListRules.CheckLeadStatuses(DefaultLists.LeadStatuses));
        foreach (var list in new[] { DefaultLists.LeadSources, DefaultLists.ContactTypes, DefaultLists.CompanyTypes, DefaultLists.Industries })
            Assert.Equal(list, ListRules.CheckItems(list));
    }

    [Fact]
    public void Ids_are_trimmed_and_upper_cased_names_trimmed_and_colours_upper_cased()
    {
        Assert.Equal([new ListItem("TRADE_FAIR", "Trade fair"), new ListItem("X1", "X")], ListRules.CheckItems([new(" trade_fair ", "  Trade fair "), new("x1", "X")]));
        var statuses = ListRules.CheckLeadStatuses([New with { Id = "new", Color = "#abcdef" }, Converted, Junk]);
        Assert.Equal(("NEW", "#ABCDEF"), (statuses[0].Id, statuses[0].Color));
    }

    [Theory]
    [InlineData("", "invalid_list_id")]
    [InlineData("  ", "invalid_list_id")]
    [InlineData("TRADE FAIR", "invalid_list_id")]
    [InlineData("TRADE-FAIR", "invalid_list_id")]
    [InlineData("MESSE_KÖLN", "invalid_list_id")]
    [InlineData("ABCDEFGHIJABCDEFGHIJABCDEFGHIJABCDEFGHIJABCDEFGHIJX", "invalid_list_id")]
    public void Ids_are_1_to_50_letters_digits_or_underscores(string id, string code) =>
        Assert.Equal((code, "[1].id"), Refusal([new ListItem("A", "A"), new ListItem(id, "B")]));

    [Fact]
    public void A_50_character_id_is_fine_and_a_null_id_is_not()
    {
        Assert.Equal(new string('A', 50), ListRules.CheckItems([new ListItem(new string('a', 50), "B")])[0].Id);
        Assert.Equal(("invalid_list_id", "[0].id"), Refusal([new ListItem(null!, "A")]));
    }

    [Fact]
    public void Ids_are_unique_after_normalising()
    {
        Assert.Equal(("duplicate_list_id", "[2].id"), Refusal([new ListItem("CALL", "Call"), new ListItem("WEB", "Web"), new ListItem(" call", "Call again")]));
        Assert.Equal(("duplicate_list_id", "[1].id"), Refusal([New, New with { Name = "Other" }, Converted, Junk]));
    }

    [Fact]
    public void Names_are_required_single_line_and_at_most_100_characters()
    {
        Assert.Equal(("name_required", "[0].name"), Refusal([new ListItem("A", "  ")]));
        Assert.Equal(("name_required", "[0].name"), Refusal([new ListItem("A", null!)]));
        Assert.Equal(("name_not_single_line", "[0].name"), Refusal([new ListItem("A", "Two\nlines")]));
        Assert.Equal(("name_too_long", "[0].name"), Refusal([new ListItem("A", new string('n', 101))]));
        Assert.Equal(new string('n', 100), ListRules.CheckItems([new ListItem("A", new string('n', 100))])[0].Name);
    }

    [Theory]
    [InlineData("red")]
    [InlineData("#FFF")]
    [InlineData("FF0000")]
    [InlineData("#GG0000")]
    [InlineData("#FF00001")]
    [InlineData("#FF0000\n")]
    [InlineData(null)]
    public void Status_colours_are_hash_and_six_hex_digits(string? color) =>
        Assert.Equal(("invalid_color", "[1].color"), Refusal([New, Work with { Color = color! }, Converted, Junk]));

    [Fact]
    public void Statuses_need_exactly_one_converted_at_least_one_junk_and_one_in_progress()
    {
        Assert.Equal("no_converted_status", Refusal([New, Junk]).Code);
        Assert.Equal("several_converted_statuses", Refusal([New, Converted, Converted with { Id = "WON" }, Junk]).Code);
        Assert.Equal("no_junk_status", Refusal([New, Converted]).Code);
        Assert.Equal("no_in_progress_status", Refusal([Converted, Junk]).Code);
        Assert.Equal(4, ListRules.CheckLeadStatuses([New, Converted, Junk, Junk with { Id = "SPAM", Name = "Spam" }]).Count);
    }

    [Fact]
    public void In_progress_statuses_come_before_the_final_ones()
    {
        Assert.Equal(("final_before_in_progress", "[2].semantic"), Refusal([New, Converted, Work, Junk]));
        Assert.Equal(("final_before_in_progress", "[1].semantic"), Refusal([Junk, New, Converted]));
        // Among the final statuses any order goes.
        Assert.Equal(["NEW", "JUNK", "CONVERTED"], ListRules.CheckLeadStatuses([New, Junk, Converted]).Select(s => s.Id));
    }

    [Fact]
    public void A_status_needs_a_known_meaning() =>
        Assert.Equal(("invalid_semantic", "[0].semantic"), Refusal([New with { Semantic = (LeadStatusSemantic)7 }, Converted, Junk]));

    [Fact]
    public void A_list_is_sent_whole_without_gaps_and_has_at_most_100_items()
    {
        Assert.Equal("items_required", Error(() => ListRules.CheckItems(null)).Code);
        Assert.Equal(("item_required", "[1]"), Refusal([new ListItem("A", "A"), null]));
        Assert.Equal(("item_required", "[0]"), Refusal([(LeadStatus?)null, New, Converted, Junk]));
        var hundred = Enumerable.Range(1, 100).Select(i => new ListItem($"I{i}", $"Item {i}")).ToList();
        Assert.Equal(100, ListRules.CheckItems(hundred).Count);
        Assert.Equal("too_many_items", Refusal([.. hundred, new ListItem("I101", "One too many")]).Code);
        // An empty simple list is allowed: the records' fields are optional.
        Assert.Empty(ListRules.CheckItems([]));
    }

    [Fact]
    public void Removed_ids_are_those_the_new_list_no_longer_has() =>
        Assert.Equal(["B", "D"], ListRules.Removed(["A", "B", "C", "D"], ["C", "A", "E"]));

    [Fact]
    public void Only_a_change_to_or_from_converted_counts_as_a_change_of_conversion_meaning()
    {
        var before = new[] { New, Work, Converted, Junk };
        Assert.Empty(ListRules.ConversionMeaningChanged(before, [New, Converted with { Name = "Won" }, Junk, Work with { Semantic = LeadStatusSemantic.Junk }]));
        Assert.Equal(["IN_PROCESS", "CONVERTED"], ListRules.ConversionMeaningChanged(before,
            [New, Work with { Semantic = LeadStatusSemantic.Converted }, Converted with { Semantic = LeadStatusSemantic.Junk }, Junk]));
    }

    [Fact]
    public void A_new_item_gets_an_id_made_from_its_name_unique_in_the_list()
    {
        Assert.Equal("TRADE_FAIR", ListRules.SuggestId(" Trade fair! ", ["CALL"]));
        Assert.Equal("TRADE_FAIR_3", ListRules.SuggestId("trade-fair", ["TRADE_FAIR", "TRADE_FAIR_2"]));
        Assert.Equal("ITEM", ListRules.SuggestId("Выставка", []));
        Assert.Equal("ITEM_2", ListRules.SuggestId("", ["ITEM"]));
        var longId = ListRules.SuggestId(new string('a', 80), [new string('A', 46)]);
        Assert.Equal(new string('A', 46) + "_2", longId);
        Assert.Single(ListRules.CheckItems([new ListItem(longId, "Long")]));
    }
}
