using Crm.Grains.Leads;
using Crm.Grains.Interfaces.Leads;

namespace Crm.Grains.Tests.Common;

public class MergeRulesTests
{
    [Fact]
    public void The_kept_lead_wins_fills_its_gaps_from_the_duplicate_and_unites_phones_emails_and_custom_values()
    {
        var kept = new LeadFields("Kept", 1, FirstName: "Ana", Phones: [new("+386 1 234 5678", ContactPointType.Work)],
            Comments: "First call", Custom: new Dictionary<string, string> { ["UF_CRM_1"] = "kept" });
        var duplicate = new LeadFields("Duplicate", 2, FirstName: "Anna", LastName: "Kos", CompanyName: "Kos d.o.o.",
            Phones: [new("01 234 5678", ContactPointType.Mobile), new("+386 40 111 222", ContactPointType.Mobile)],
            Emails: [new("ana@kos.example", ContactPointType.Work)], Amount: 300, Currency: "EUR", Comments: "Wants a demo",
            Custom: new Dictionary<string, string> { ["UF_CRM_1"] = "dup", ["UF_CRM_2"] = "2" });

        var merged = LeadMerge.Combine(kept, duplicate);

        Assert.Equal(("Kept", 1, "Ana", "Kos", "Kos d.o.o."), (merged.Title, merged.ResponsibleId, merged.FirstName, merged.LastName, merged.CompanyName));
        Assert.Equal(["+386 1 234 5678", "+386 40 111 222"], merged.Phones!.Select(p => p.Value));
        Assert.Equal(["ana@kos.example"], merged.Emails!.Select(p => p.Value));
        Assert.Equal((300m, "EUR"), (merged.Amount, merged.Currency));
        Assert.Equal("First call\n\nWants a demo", merged.Comments);
        Assert.Equal(new Dictionary<string, string> { ["UF_CRM_1"] = "kept", ["UF_CRM_2"] = "2" }, merged.Custom);
    }

    [Fact]
    public void An_amount_keeps_its_own_currency()
    {
        var merged = LeadMerge.Combine(new LeadFields("A", 1, Amount: 10, Currency: "USD"), new LeadFields("B", 1, Amount: 99, Currency: "EUR"));
        Assert.Equal((10m, "USD"), (merged.Amount, merged.Currency));
    }
}
