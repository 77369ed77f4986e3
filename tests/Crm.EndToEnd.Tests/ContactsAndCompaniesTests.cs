using Crm.Grains.Interfaces.Contacts;

namespace Crm.EndToEnd.Tests;

/// <summary>Company and contact cards: created in forms, listed live in another browser, linked to each other.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ContactsAndCompaniesTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_company_shows_live_elsewhere_and_a_contact_linked_to_it_appears_on_its_card()
    {
        var portal = await fixture.Host.CreatePortal();
        var first = await fixture.SignedInPage(portal.AdminEmail, "/companies", "[data-testid=company-grid]");
        var second = await fixture.SignedInPage(portal.SecondEmail, "/companies", "[data-testid=company-grid]");

        await first.Locator("[data-testid=new-company]").ClickAsync();
        var form = first.Locator(".mud-dialog");
        await form.Locator("input[data-testid=company-title]").FillAsync("Orchard Ltd");
        await form.Locator("[data-testid=company-phone-add]").ClickAsync();
        await form.Locator("input[data-testid=company-phone-0]").FillAsync("+44 113 496 0000");
        await form.Locator("[data-testid=company-save]").ClickAsync();
        await Assertions.Expect(form.Locator("[data-testid=timeline]")).ToContainTextAsync("created");
        await Assertions.Expect(second.Locator("[data-testid=company-grid] tbody tr", new() { HasText = "Orchard Ltd" })).ToContainTextAsync("+44 113 496 0000");

        // A contact of that company, entered on the contacts page.
        await first.GotoAsync("/contacts");
        await first.Locator("[data-testid=new-contact]").ClickAsync();
        form = first.Locator(".mud-dialog");
        await form.Locator("input[data-testid=contact-first-name]").FillAsync("Lia");
        await form.Locator("input[data-testid=contact-last-name]").FillAsync("Moss");
        await form.Locator("[data-testid=contact-companies]").Locator("..").ClickAsync();
        await first.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Orchard Ltd" }).ClickAsync();
        await first.Keyboard.PressAsync("Escape");
        await form.Locator("[data-testid=contact-save]").ClickAsync();
        await Assertions.Expect(form.Locator("[data-testid=timeline]")).ToContainTextAsync("created");

        // The company's card, opened in the other browser, lists its new contact.
        await second.Locator("[data-testid=company-grid] tbody tr", new() { HasText = "Orchard Ltd" }).ClickAsync();
        await Assertions.Expect(second.Locator("[data-testid=company-contacts]")).ToContainTextAsync("Lia Moss");

        var api = await fixture.Host.SignIn(portal.AdminEmail);
        var contacts = (await api.Http.GetFromJsonAsync<Crm.Web.Contacts.ContactPage>("/api/contacts", Json))!;
        Assert.Single(Assert.Single(contacts.Items).CompanyIds);
    }

    [Fact]
    public async Task A_new_company_named_like_an_existing_one_is_flagged_before_it_is_created()
    {
        var portal = await fixture.Host.CreatePortal();
        var api = await fixture.Host.SignIn(portal.AdminEmail);
        await api.Http.PostAsJsonAsync("/api/companies", new { title = "Orchard Ltd" });
        var page = await fixture.SignedInPage(portal.AdminEmail, "/companies", "[data-testid=company-grid]");

        await page.Locator("[data-testid=new-company]").ClickAsync();
        var form = page.Locator(".mud-dialog");
        await form.Locator("input[data-testid=company-title]").FillAsync("orchard   LTD");
        await form.Locator("[data-testid=company-save]").ClickAsync();
        await Assertions.Expect(form.Locator("[data-testid=duplicates]")).ToContainTextAsync("Orchard Ltd · same name");
        Assert.Equal(1, (await api.Http.GetFromJsonAsync<Crm.Web.Companies.CompanyPage>("/api/companies", Json))!.Total);
    }
}
