using Crm.Grains.CustomFields;
using Crm.Grains.Interfaces.CustomFields;
using Crm.Grains.Interfaces.Settings;

namespace Crm.Grains.Tests.CustomFields;

public class CustomValuesTests
{
    private static readonly CustomField Size = new("UF_CRM_1", "lead", "Size", CustomFieldType.Number);
    private static readonly CustomField Due = new("UF_CRM_2", "lead", "Due", CustomFieldType.Date);
    private static readonly CustomField Vip = new("UF_CRM_3", "lead", "VIP", CustomFieldType.Boolean);
    private static readonly CustomField Tier = new("UF_CRM_4", "lead", "Tier", CustomFieldType.List, Items: [new("1", "Gold"), new("2", "Silver")]);
    private static readonly CustomField Budget = new("UF_CRM_5", "lead", "Budget", CustomFieldType.Money);
    private static readonly CustomField Site = new("UF_CRM_6", "lead", "Site", CustomFieldType.Url);
    private static readonly CustomField Owner = new("UF_CRM_7", "lead", "Owner", CustomFieldType.User);
    private static readonly CustomField Note = new("UF_CRM_8", "lead", "Note", CustomFieldType.String, Required: true);
    private static readonly CustomField[] Fields = [Size, Due, Vip, Tier, Budget, Site, Owner, Note];

    private static IReadOnlyDictionary<string, string>? Check(Dictionary<string, string> values) => CustomValues.Check(values, Fields).Values;

    private static string Code(Dictionary<string, string> values) => Assert.Throws<CrmException>(() => Check(values)).Code;

    [Fact]
    public void Values_of_every_type_come_back_in_canonical_text_and_empty_ones_are_dropped()
    {
        var (values, users) = CustomValues.Check(new Dictionary<string, string>
        {
            ["UF_CRM_1"] = " 1,250.50 ", ["UF_CRM_2"] = "2026-12-01", ["UF_CRM_3"] = "Yes", ["UF_CRM_4"] = "silver",
            ["UF_CRM_5"] = "99.5|eur", ["UF_CRM_6"] = "https://example.com/a b", ["UF_CRM_7"] = "3", ["UF_CRM_8"] = "Hello",
        }, Fields);
        Assert.Equal(new Dictionary<string, string>
        {
            ["UF_CRM_1"] = "1250.50", ["UF_CRM_2"] = "2026-12-01", ["UF_CRM_3"] = "true", ["UF_CRM_4"] = "2", ["UF_CRM_5"] = "99.50|EUR",
            ["UF_CRM_6"] = "https://example.com/a%20b", ["UF_CRM_7"] = "3", ["UF_CRM_8"] = "Hello",
        }, values);
        Assert.Equal([3], users);
        Assert.Equal(new Dictionary<string, string> { ["UF_CRM_8"] = "x" }, Check(new() { ["UF_CRM_1"] = " ", ["UF_CRM_8"] = "x" }));
    }

    [Fact]
    public void Unknown_fields_bad_values_and_missing_required_values_are_refused()
    {
        Assert.Equal("unknown_custom_field", Code(new() { ["UF_CRM_99"] = "1", ["UF_CRM_8"] = "x" }));
        Assert.Equal("invalid_custom_value", Code(new() { ["UF_CRM_1"] = "twelve", ["UF_CRM_8"] = "x" }));
        Assert.Equal("invalid_custom_value", Code(new() { ["UF_CRM_2"] = "01/12/2026", ["UF_CRM_8"] = "x" }));
        Assert.Equal("invalid_custom_value", Code(new() { ["UF_CRM_3"] = "maybe", ["UF_CRM_8"] = "x" }));
        Assert.Equal("unknown_custom_value", Code(new() { ["UF_CRM_4"] = "Bronze", ["UF_CRM_8"] = "x" }));
        Assert.Equal("invalid_custom_value", Code(new() { ["UF_CRM_5"] = "99.5", ["UF_CRM_8"] = "x" }));
        Assert.Equal("unknown_currency", Code(new() { ["UF_CRM_5"] = "99.5|XYZ", ["UF_CRM_8"] = "x" }));
        Assert.Equal("invalid_custom_value", Code(new() { ["UF_CRM_6"] = "javascript:alert(1)", ["UF_CRM_8"] = "x" }));
        Assert.Equal("invalid_custom_value", Code(new() { ["UF_CRM_7"] = "-1", ["UF_CRM_8"] = "x" }));
        Assert.Equal("custom_field_required", Code(new() { ["UF_CRM_1"] = "1" }));
    }

    [Fact]
    public void A_definition_needs_a_known_record_type_a_label_and_for_lists_unique_items()
    {
        var list = CustomFieldRules.Check(new CustomFieldDefinition("deal", " Region ", CustomFieldType.List, Items: [new("", "North"), new("7", "South"), new("", "East")]));
        Assert.Equal("Region", list.Label);
        Assert.Equal([new ListItem("8", "North"), new ListItem("7", "South"), new ListItem("9", "East")], list.Items!);
        Assert.Null(CustomFieldRules.Check(new CustomFieldDefinition("lead", "Size", CustomFieldType.Number, Items: [new("1", "x")])).Items);

        string Code(CustomFieldDefinition d) => Assert.Throws<CrmException>(() => CustomFieldRules.Check(d)).Code;
        Assert.Equal("unknown_record_kind", Code(new("invoice", "X", CustomFieldType.String)));
        Assert.Equal("label_required", Code(new("lead", " ", CustomFieldType.String)));
        Assert.Equal("unknown_field_type", Code(new("lead", "X", (CustomFieldType)42)));
        Assert.Equal("list_items_required", Code(new("lead", "X", CustomFieldType.List)));
        Assert.Equal("duplicate_list_item", Code(new("lead", "X", CustomFieldType.List, Items: [new("", "A"), new("", "a")])));
    }
}
