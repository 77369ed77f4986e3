using Crm.Grains.Interfaces.Leads;
using Crm.Grains.Interfaces.Settings;
using Crm.Grains.Leads;
using Crm.Grains.Settings;

namespace Crm.Grains.Tests.Leads;

public class LeadRulesTests
{
    private static readonly IReadOnlyList<ListItem> Sources = DefaultLists.LeadSources;
    private static readonly IReadOnlyList<LeadStatus> Statuses = DefaultLists.LeadStatuses;
    private static readonly LeadFields Valid = new("Inbound", 1);

    private static string Code(LeadFields fields) => Assert.Throws<CrmException>(() => LeadRules.Check(fields, Sources)).Code;

    [Fact]
    public void A_lead_without_a_title_is_named_after_the_person_then_the_company()
    {
        Assert.Equal("Ann Lee", LeadRules.Check(Valid with { Title = " ", FirstName = "Ann", LastName = "Lee", CompanyName = "Acme" }, Sources).Title);
        Assert.Equal("Acme", LeadRules.Check(Valid with { Title = "", CompanyName = " Acme " }, Sources).Title);
        Assert.Equal("title_required", Code(Valid with { Title = "" }));
    }

    [Fact]
    public void Source_must_be_in_the_portal_list_and_is_upper_cased()
    {
        Assert.Equal("CALL", LeadRules.Check(Valid with { SourceId = " call " }, Sources).SourceId);
        Assert.Equal("", LeadRules.Check(Valid, Sources).SourceId);
        Assert.Equal("unknown_source", Code(Valid with { SourceId = "FAX" }));
    }

    [Fact]
    public void Names_utm_and_money_fields_are_checked()
    {
        Assert.Equal("lastName_too_long", Code(Valid with { LastName = new string('x', 101) }));
        Assert.Equal("utm_campaign_too_long", Code(Valid with { Utm = new Utm(Campaign: new string('x', 256)) }));
        Assert.Equal("amount_precision", Code(Valid with { Amount = 1.001m }));
        Assert.Equal("responsible_required", Code(Valid with { ResponsibleId = 0 }));
        Assert.Equal("unknown_currency", Code(Valid with { Currency = "EURO" }));
    }

    [Fact]
    public void Names_and_titles_are_single_lines()
    {
        Assert.Equal("title_not_single_line", Code(Valid with { Title = "Line one\nline two" }));
        Assert.Equal("firstName_not_single_line", Code(Valid with { FirstName = "Ann\r\nLee" }));
        Assert.Equal("companyName_not_single_line", Code(Valid with { CompanyName = "Acme\tLtd" }));
        Assert.Equal("Multi\nline comments", LeadRules.Check(Valid with { Comments = "Multi\nline comments" }, Sources).Comments);
    }

    [Fact]
    public void New_leads_start_in_progress_and_conversion_is_not_a_status_change()
    {
        Assert.Equal("NEW", LeadStatusRules.ForNewLead(Statuses, null).Id);
        Assert.Equal("PROCESSED", LeadStatusRules.ForNewLead(Statuses, "PROCESSED").Id);
        Assert.Equal("status_not_allowed", Assert.Throws<CrmException>(() => LeadStatusRules.ForNewLead(Statuses, "JUNK")).Code);
        Assert.Equal("unknown_status", Assert.Throws<CrmException>(() => LeadStatusRules.ForNewLead(Statuses, "new")).Code);

        Assert.Equal("JUNK", LeadStatusRules.ForChange(Statuses, "NEW", "JUNK").Id);
        Assert.Equal("NEW", LeadStatusRules.ForChange(Statuses, "JUNK", "NEW").Id); // a junk lead can be picked up again
        Assert.Equal("convert_instead", Assert.Throws<CrmException>(() => LeadStatusRules.ForChange(Statuses, "NEW", "CONVERTED")).Code);
        Assert.Equal("lead_converted", Assert.Throws<CrmException>(() => LeadStatusRules.ForChange(Statuses, "CONVERTED", "NEW")).Code);
    }

    [Fact]
    public void The_timeline_of_a_new_lead_lists_only_fields_with_a_value()
    {
        var lead = new Lead(1, 7, "NEW", LeadRules.Check(Valid with { FirstName = "Ann", Phones = [new("555 0100", ContactPointType.Mobile)] }, Sources),
            DateTimeOffset.UnixEpoch, 1, DateTimeOffset.UnixEpoch, 1, 1);
        var changes = LeadDiff.Initial(lead).ToDictionary(c => c.Field, c => c.New);
        Assert.Equal("555 0100 (mobile)", changes["phones"]);
        Assert.Equal("NEW", changes["statusId"]);
        Assert.False(changes.ContainsKey("lastName"));
        Assert.False(changes.ContainsKey("emails"));
    }
}
