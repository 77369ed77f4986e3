using System.Text;
using Crm.Grains.Interfaces.CustomFields;
using Crm.Grains.Settings;
using Crm.Web.Access;
using Crm.Web.Api;
using Crm.Web.Import;

namespace Crm.Web.Tests.Import;

/// <summary>Custom fields in CSV files: mapped by label or code, cells read as spreadsheets write them, bad cells naming their column.</summary>
public sealed class CustomCellsTests
{
    private static readonly CustomField Size = new("UF_CRM_1", "lead", "Size", CustomFieldType.Number);
    private static readonly CustomField Due = new("UF_CRM_2", "lead", "Due date", CustomFieldType.Date);
    private static readonly CustomField Vip = new("UF_CRM_3", "lead", "VIP", CustomFieldType.Boolean);
    private static readonly CustomField Tier = new("UF_CRM_4", "lead", "Tier", CustomFieldType.List, Items: [new("1", "Gold"), new("2", "Silver")]);
    private static readonly CustomField Budget = new("UF_CRM_5", "lead", "Budget", CustomFieldType.Money);
    private static readonly CustomField Site = new("UF_CRM_6", "lead", "Site", CustomFieldType.Url);
    private static readonly CustomField Owner = new("UF_CRM_7", "lead", "Owner", CustomFieldType.User);
    private static readonly CustomField Region = new("UF_CRM_8", "contact", "Region", CustomFieldType.String);
    private static readonly CustomField[] Fields = [Size, Due, Vip, Tier, Budget, Site, Owner, Region];

    private static readonly ImportContext Context = new(new RequestUser(1, 7), new Crm.Grains.Interfaces.Access.AccessProfile(1, 7, true, 1, [], [], []), DefaultLists.LeadStatuses, DefaultLists.LeadSources,
        DefaultLists.ContactTypes, DefaultLists.CompanyTypes, DefaultLists.Industries,
        [new UserSummary(7, "Anna Admin", "anna@example.com", true), new UserSummary(8, "Bob Seller", "bob@example.com", true)], Fields, new Dictionary<string, Crm.Web.Access.ReadableRows>());

    private static readonly ImportFieldSet LeadFields = ImportFields.For(ImportKind.Leads, Fields);

    /// <summary>The one custom column <paramref name="field"/> of a lead row with <paramref name="cell"/>: its canonical value or the error.</summary>
    private static (string? Value, RowError? Error) Read(CustomField field, string cell)
    {
        var file = CsvFileReader.Read(Encoding.UTF8.GetBytes($"Title,{field.Label}\nA lead,\"{cell}\"\n"));
        var values = RowValues.Of(file.Rows[0], ColumnMapper.Resolve(file.Headers, LeadFields, null));
        try
        {
            return (LeadImport.Instance.Build(values, Context).Fields.Custom?.GetValueOrDefault(field.Code), null);
        }
        catch (CrmException e)
        {
            return (null, RowValues.ErrorOf(e, values));
        }
    }

    [Fact]
    public void A_record_types_custom_fields_are_offered_and_suggested_by_label_or_code()
    {
        Assert.Equal(["UF_CRM_1", "UF_CRM_2", "UF_CRM_3", "UF_CRM_4", "UF_CRM_5", "UF_CRM_6", "UF_CRM_7"],
            LeadFields.Fields.Where(f => f.Value == ImportValue.Custom).Select(f => f.Key));
        Assert.Equal(["UF_CRM_8"], ImportFields.For(ImportKind.Contacts, Fields).Fields.Where(f => f.Custom is not null).Select(f => f.Key));
        var mapping = ColumnMapper.Suggest(["Title", "due date", "uf_crm_4", "Region"], LeadFields);
        Assert.Equal(["title", "UF_CRM_2", "UF_CRM_4", null], mapping.Targets.Select(t => t?.Key));
        // The user may name a custom field by its label or its code.
        var chosen = ColumnMapper.Resolve(["Title", "Money", "Boss"], LeadFields, new Dictionary<string, string?> { ["Money"] = "budget", ["Boss"] = "UF_CRM_7" });
        Assert.Equal(["title", "UF_CRM_5", "UF_CRM_7"], chosen.Targets.Select(t => t?.Key));
    }

    public static TheoryData<string, string, string> Good => new()
    {
        { "Size", "1200.5", "1200.5" },
        { "Size", "1 200,50", "1200.50" },
        { "Size", "-3", "-3" },
        { "Due date", "2026-12-01", "2026-12-01" },
        { "Due date", "01.12.2026", "2026-12-01" },
        { "Due date", "1.2.2027", "2027-02-01" },
        { "VIP", "Yes", "true" },
        { "VIP", "N", "false" },
        { "VIP", "TRUE", "true" },
        { "VIP", "0", "false" },
        { "Tier", "silver", "2" },
        { "Tier", "1", "1" },
        { "Budget", "12.50 USD", "12.50|USD" },
        { "Budget", "12.5|eur", "12.50|EUR" },
        { "Budget", "EUR 1 200,50", "1200.50|EUR" },
        { "Budget", "99", "99.00|USD" },
        { "Site", "https://example.com/shop", "https://example.com/shop" },
        { "Owner", "Bob Seller", "8" },
        { "Owner", "ANNA@example.com", "7" },
        { "Owner", "8", "8" },
    };

    [Theory]
    [MemberData(nameof(Good))]
    public void Cells_are_read_as_people_write_them_in_spreadsheets(string label, string cell, string canonical)
    {
        var (value, error) = Read(Fields.Single(f => f.Label == label), cell);
        Assert.Null(error);
        Assert.Equal(canonical, value);
    }

    public static TheoryData<string, string, string> Bad => new()
    {
        { "Size", "ten", "invalid_custom_value" },
        { "Due date", "12/01/2026", "invalid_custom_value" },
        { "Due date", "2026-02-30", "invalid_custom_value" },
        { "VIP", "maybe", "invalid_custom_value" },
        { "Tier", "Platinum", "unknown_custom_value" },
        { "Budget", "12.50 XYZ", "invalid_custom_value" },
        { "Budget", "-5 USD", "invalid_custom_value" },
        { "Budget", "lots", "invalid_custom_value" },
        { "Site", "ftp://example.com", "invalid_custom_value" },
        { "Owner", "Nobody Here", "unknown_user" },
    };

    [Theory]
    [MemberData(nameof(Bad))]
    public void Bad_cells_fail_with_a_code_and_the_column_and_a_message_naming_the_field(string label, string cell, string code)
    {
        var (_, error) = Read(Fields.Single(f => f.Label == label), cell);
        Assert.Equal((code, label), (error!.Code, error.Column));
        Assert.Contains(label, error.Message);
    }

    [Fact]
    public void Empty_cells_give_no_value()
    {
        Assert.Equal((null, null), Read(Size, "  "));
    }
}
