using Crm.Grains.Automation;
using Crm.Grains.Interfaces.Common;
using Crm.Grains.Interfaces.Leads;
using static Crm.Grains.Tests.Automation.RobotTestData;

namespace Crm.Grains.Tests.Automation;

public class RobotFieldCatalogueTests
{
    [Fact]
    public void A_catalogue_lists_standard_fields_then_the_custom_fields_of_its_record_type_only()
    {
        var codes = Catalogue.Fields.Select(f => f.Code).ToList();
        Assert.Equal("id", codes[0]);
        Assert.Contains("closeDate", codes);
        Assert.Equal(["UF_CRM_1", "UF_CRM_2", "UF_CRM_3", "UF_CRM_4", "UF_CRM_5", "UF_CRM_6", "UF_CRM_7"], codes.Where(c => c.StartsWith("UF_")));
        Assert.Equal(RobotFieldKind.Money, Catalogue.Find("UF_CRM_1")!.Kind);
        Assert.Equal(RobotFieldKind.Text, Catalogue.Find("UF_CRM_5")!.Kind);
        Assert.Equal(RobotFieldKind.Date, Catalogue.Find("closeDate")!.Kind);
        Assert.Equal(RobotFieldKind.DateTime, Catalogue.Find("createdAt")!.Kind);
        Assert.Equal("closeDate", Catalogue.Find(" CLOSEDATE ")!.Code);
        Assert.Null(Catalogue.Find("statusId"));

        var leads = RobotFieldCatalogue.Lead([LeadOnly, Budget]);
        Assert.NotNull(leads.Find("statusId"));
        Assert.NotNull(leads.Find("UF_CRM_9"));
        Assert.Null(leads.Find("UF_CRM_1"));
        Assert.Throws<ArgumentException>(() => RobotFieldCatalogue.For("contact", []));
    }

    [Fact]
    public void Stage_status_and_responsible_are_read_only_because_their_own_actions_change_them()
    {
        Assert.False(Catalogue.Find("stageId")!.Writable);
        Assert.False(Catalogue.Find("responsibleId")!.Writable);
        Assert.False(RobotFieldCatalogue.Lead([]).Find("statusId")!.Writable);
        Assert.True(Catalogue.Find("title")!.Writable);
        Assert.True(Catalogue.Find("UF_CRM_3")!.Writable);
    }

    [Fact]
    public void A_deals_values_are_canonical_text_with_its_custom_values_and_the_responsibles_name()
    {
        Assert.Equal("42", Values["id"]);
        Assert.Equal("1500.50", Values["amount"]);
        Assert.Equal("2026-06-30", Values["closeDate"]);
        Assert.Equal("2026-05-04T06:15:00Z", Values["createdAt"]);
        Assert.Equal("false", Values["isClosed"]);
        Assert.Equal("9", Values["companyId"]);
        Assert.Equal("Anna Smith", Values["responsible"]);
        Assert.Equal("2500.00|EUR", Values["UF_CRM_1"]);
        Assert.Equal("Big order", Values["TITLE"]);
        Assert.False(Values.ContainsKey("UF_CRM_7"));
        Assert.Equal("", RobotFieldValues.Of(Deal with { CloseDate = null, CompanyId = null })["closeDate"]);
    }

    [Fact]
    public void A_leads_values_include_its_full_name_first_phone_and_email_and_campaign_marks()
    {
        var lead = new Lead(1, 5, "NEW", new LeadFields("Web form", 7, FirstName: "Ann", LastName: "Lee",
            Phones: [new ContactPoint("+49 30 1234", ContactPointType.Work), new ContactPoint("+49 170 1", ContactPointType.Mobile)],
            Emails: [new ContactPoint("ann@example.com", ContactPointType.Work)], SourceId: "WEB", Utm: new Utm(Source: "google"),
            Amount: 99.9m, Custom: new Dictionary<string, string> { ["UF_CRM_9"] = "note" }), Created, 3, Created, 3, 1);
        var values = RobotFieldValues.Of(lead);
        Assert.Equal("Ann Lee", values["name"]);
        Assert.Equal("+49 30 1234", values["phone"]);
        Assert.Equal("ann@example.com", values["email"]);
        Assert.Equal("google", values["utmSource"]);
        Assert.Equal("99.9", values["amount"]);
        Assert.Equal("NEW", values["statusId"]);
        Assert.Equal("note", values["UF_CRM_9"]);
        Assert.Equal("", values["responsible"]);
    }
}
