using Crm.Grains.Interfaces.CustomFields;
using Crm.Web.Lists;

namespace Crm.Web.Tests;

/// <summary>How a sort key becomes an ORDER BY: only a known field's own expression, typed, ending with id.</summary>
public class ListSortTests
{
    private static readonly IReadOnlyList<ListField> Fields = ListFields.For("lead",
    [
        new("UF_CRM_1", "lead", "Size", CustomFieldType.Number),
        new("UF_CRM_2", "lead", "Budget", CustomFieldType.Money),
        new("UF_CRM_3", "lead", "Due", CustomFieldType.Date),
        new("UF_CRM_4", "lead", "VIP", CustomFieldType.Boolean),
        new("UF_CRM_5", "lead", "Owner", CustomFieldType.User),
        new("UF_CRM_6", "deal", "Units", CustomFieldType.Number),
    ]);

    private static string Order(string key, bool descending = false) => ListSort.By(Fields, key, descending).Order;

    [Fact]
    public void Custom_values_are_compared_as_their_type_with_the_expressions_of_their_indexes()
    {
        Assert.Equal("(custom->>'UF_CRM_1')::numeric, id", Order("uf_crm_1"));
        Assert.Equal("split_part(custom->>'UF_CRM_2', '|', 1)::numeric DESC, id DESC", Order("UF_CRM_2", descending: true));
        Assert.Equal("(custom->>'UF_CRM_3'), id", Order("UF_CRM_3"));
        Assert.Equal("(custom->>'UF_CRM_4')::boolean, id", Order("UF_CRM_4"));
        Assert.Equal("custom->>'UF_CRM_5', id", Order("UF_CRM_5"));
    }

    [Fact]
    public void Standard_fields_sort_by_their_column_empty_text_last_and_the_older_names_still_resolve()
    {
        Assert.Equal("id DESC", Order("Id", descending: true));
        Assert.True(ListSort.By(Fields, "id", false).ById);
        Assert.Equal("NULLIF(company_name, ''), id", Order("companyName"));
        Assert.Equal("status_id, id", Order("Status"));
        Assert.Equal("created_at DESC, id DESC", Order("CREATEDAT", descending: true));
        Assert.Equal("id DESC", ListSort.Default("contact").Order);
        Assert.Equal("NULLIF(title, ''), id", ListSort.Default("company").Order);
    }

    [Theory]
    [InlineData("UF_CRM_6")] // a deal's field
    [InlineData("UF_CRM_99")]
    [InlineData("phone")] // no order
    [InlineData("id; DROP TABLE leads")]
    public void Anything_else_is_refused(string key)
    {
        var error = Assert.Throws<CrmException>(() => ListSort.By(Fields, key, false));
        Assert.Equal(("invalid_sort", "sort"), (error.Code, error.Field));
        Assert.Contains("UF_CRM_5", error.Message);
    }
}
