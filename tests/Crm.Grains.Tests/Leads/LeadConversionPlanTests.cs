using Crm.Grains.Interfaces.CustomFields;
using Crm.Grains.Interfaces.Leads;
using Crm.Grains.Leads;
using Crm.Grains.Settings;

namespace Crm.Grains.Tests.Leads;

/// <summary>The custom values of a conversion's targets: given per target, checked against that target's fields, required ones asked for.</summary>
public class LeadConversionPlanTests
{
    private static readonly CustomField LeadSize = new("UF_CRM_1", "lead", "Size", CustomFieldType.Number, Required: true);
    private static readonly CustomField Birthday = new("UF_CRM_2", "contact", "Birthday", CustomFieldType.Date, Required: true);
    private static readonly CustomField Contract = new("UF_CRM_3", "deal", "Contract no.", CustomFieldType.String, Required: true);
    private static readonly CustomField Manager = new("UF_CRM_4", "deal", "Manager", CustomFieldType.User);
    private static readonly CustomField Sector = new("UF_CRM_5", "company", "Sector", CustomFieldType.List, Items: [new("1", "Retail")]);
    private static readonly CustomField[] Fields = [LeadSize, Birthday, Contract, Manager, Sector];

    private static readonly Lead Lead = new(1, 10, "NEW",
        new LeadFields("Fair lead", 7, FirstName: "Ann", LastName: "Lee", CompanyName: "Harbour Foods", Custom: new Dictionary<string, string> { ["UF_CRM_1"] = "5" }),
        default, 7, default, 7, 1);

    private static LeadConversionPlan Make(LeadConversionRequest request) =>
        LeadConversionPlan.Make(Lead, request, DefaultLists.LeadStatuses, DefaultLists.ContactTypes, DefaultLists.CompanyTypes, DefaultLists.Industries, Fields);

    private static CrmException Refused(LeadConversionRequest request) => Assert.Throws<CrmException>(() => Make(request));

    [Fact]
    public void A_required_field_of_a_chosen_target_is_asked_for_by_target_and_field()
    {
        var deal = Refused(new LeadConversionRequest(false, false, true));
        Assert.Equal(("custom_field_required", "dealCustom.UF_CRM_3"), (deal.Code, deal.Field));
        Assert.Contains("new deal", deal.Message);
        Assert.Contains("'Contract no.'", deal.Message);

        var contact = Refused(new LeadConversionRequest(true, false, true, DealCustom: new Dictionary<string, string> { ["UF_CRM_3"] = "C-1" }));
        Assert.Equal(("custom_field_required", "contactCustom.UF_CRM_2"), (contact.Code, contact.Field));
        // A blank value is no value.
        Assert.Equal("custom_field_required",
            Refused(new LeadConversionRequest(false, false, true, DealCustom: new Dictionary<string, string> { ["UF_CRM_3"] = "  " })).Code);
    }

    [Fact]
    public void Targets_not_chosen_need_nothing_and_given_values_land_on_their_target_in_canonical_text()
    {
        var companyOnly = Make(new LeadConversionRequest(false, true, false));
        Assert.Null(companyOnly.Company!.Custom);

        var plan = Make(new LeadConversionRequest(true, true, true,
            ContactCustom: new Dictionary<string, string> { ["UF_CRM_2"] = "1990-05-01" },
            CompanyCustom: new Dictionary<string, string> { ["UF_CRM_5"] = "retail" },
            DealCustom: new Dictionary<string, string> { ["UF_CRM_3"] = " C-1 ", ["UF_CRM_4"] = "8" }));
        Assert.Equal(new Dictionary<string, string> { ["UF_CRM_2"] = "1990-05-01" }, plan.Contact!.Custom);
        Assert.Equal(new Dictionary<string, string> { ["UF_CRM_5"] = "1" }, plan.Company!.Custom);
        Assert.Equal(new Dictionary<string, string> { ["UF_CRM_3"] = "C-1", ["UF_CRM_4"] = "8" }, plan.Deal!.Custom);
        Assert.Equal([("deal", 8)], ConversionCustom.Users(plan, Fields));
    }

    [Fact]
    public void Another_record_types_field_or_a_bad_value_is_refused_naming_the_target()
    {
        var leadField = Refused(new LeadConversionRequest(false, false, true,
            DealCustom: new Dictionary<string, string> { ["UF_CRM_3"] = "C-1", ["UF_CRM_1"] = "5" }));
        Assert.Equal(("unknown_custom_field", "dealCustom.UF_CRM_1"), (leadField.Code, leadField.Field));
        Assert.StartsWith("The new deal:", leadField.Message);

        var badDate = Refused(new LeadConversionRequest(true, false, false, ContactCustom: new Dictionary<string, string> { ["UF_CRM_2"] = "soon" }));
        Assert.Equal(("invalid_custom_value", "contactCustom.UF_CRM_2"), (badDate.Code, badDate.Field));
    }
}
