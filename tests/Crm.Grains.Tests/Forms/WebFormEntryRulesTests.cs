using Crm.Grains.Forms;
using Crm.Grains.Interfaces.Forms;

namespace Crm.Grains.Tests.Forms;

public sealed class WebFormEntryRulesTests
{
    private static readonly WebForm Form = new("contact-us", "Contact us", 7);

    [Fact]
    public void An_entry_is_trimmed_with_the_email_lower_cased_and_becomes_a_named_web_form_lead()
    {
        var entry = WebFormEntryRules.Check(Form, new WebFormEntry("  Ann Marie Lee ", " Ann@Harbour.Example ", "", "  Hello "));
        Assert.Equal(new WebFormEntry("Ann Marie Lee", "ann@harbour.example", null, "Hello"), entry);

        var lead = WebFormEntryRules.Lead(Form, entry);
        Assert.Equal(("Contact us: Ann Marie Lee", "Ann Marie", "Lee", "WEBFORM", 7), (lead.Title, lead.FirstName, lead.LastName, lead.SourceId, lead.ResponsibleId));
        Assert.Null(lead.Phones);
    }

    [Fact]
    public void A_nameless_entry_is_titled_by_its_contact()
    {
        var lead = WebFormEntryRules.Lead(Form, WebFormEntryRules.Check(Form, new WebFormEntry(Phone: "+386 1 234 5678")));
        Assert.Equal("Contact us: +386 1 234 5678", lead.Title);
    }

    [Theory]
    [InlineData(null, null, null, "contact_required")]
    [InlineData("Ann", "ann@", null, "invalid_email")]
    [InlineData("Ann", null, "call me", "invalid_phone")]
    public void Bad_entries_are_refused_with_their_code(string? name, string? email, string? phone, string code) =>
        Assert.Equal(code, Assert.Throws<CrmException>(() => WebFormEntryRules.Check(Form, new WebFormEntry(name, email, phone))).Code);

    [Fact]
    public void A_field_the_form_does_not_ask_for_is_refused()
    {
        var emailOnly = Form with { AskPhone = false };
        var refused = Assert.Throws<CrmException>(() => WebFormEntryRules.Check(emailOnly, new WebFormEntry(Email: "a@b.example", Phone: "+386 1 234 5678")));
        Assert.Equal(("field_not_asked", "phone"), (refused.Code, refused.Field));
    }
}
