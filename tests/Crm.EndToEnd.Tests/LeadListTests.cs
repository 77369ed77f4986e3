using Crm.Grains.Interfaces.Leads;

namespace Crm.EndToEnd.Tests;

/// <summary>The lead list and form: a lead entered in one browser shows in another, live; bad input is refused in the form.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LeadListTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_lead_entered_in_the_form_appears_in_the_other_browsers_list_and_its_junking_follows()
    {
        var portal = await fixture.Host.CreatePortal();
        var first = await fixture.SignedInPage(portal.AdminEmail, "/leads", "[data-testid=lead-grid]");
        var second = await fixture.SignedInPage(portal.SecondEmail, "/leads", "[data-testid=lead-grid]");
        var rows = second.Locator("[data-testid=lead-grid] tbody tr");

        await first.Locator("[data-testid=new-lead]").ClickAsync();
        var form = first.Locator(".mud-dialog");
        await form.Locator("input[data-testid=lead-first-name]").FillAsync("Ann");
        await form.Locator("input[data-testid=lead-last-name]").FillAsync("Lee");
        await form.Locator("input[data-testid=lead-company]").FillAsync("Harbour Foods");
        await form.Locator("[data-testid=lead-phone-add]").ClickAsync();
        await form.Locator("input[data-testid=lead-phone-0]").FillAsync("call me maybe");
        await form.Locator("[data-testid=lead-save]").ClickAsync();

        // Bad input: a clear error in the form, and no lead anywhere.
        await Assertions.Expect(form.Locator("[data-testid=lead-error]")).ToContainTextAsync("is not a phone number");
        var api = await fixture.Host.SignIn(portal.AdminEmail);
        Assert.Equal(0, (await api.Http.GetFromJsonAsync<Crm.Web.Leads.LeadPage>("/api/leads", Json))!.Total);

        await form.Locator("input[data-testid=lead-phone-0]").FillAsync("+44 20 7946 0018");
        await form.Locator("[data-testid=lead-email-add]").ClickAsync();
        await form.Locator("input[data-testid=lead-email-0]").FillAsync("ann@harbourfoods.example");
        await form.Locator("[data-testid=lead-save]").ClickAsync();
        await Assertions.Expect(form.Locator("[data-testid=lead-timeline]")).ToContainTextAsync("created");

        // The other browser: the row arrives without a reload, titled after the person.
        var row = rows.Filter(new() { HasText = "Ann Lee" });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("Harbour Foods");
        await Assertions.Expect(row).ToContainTextAsync("+44 20 7946 0018");
        await Assertions.Expect(row).ToContainTextAsync("New");

        // Junk it from the form's status: the other browser's row follows.
        await form.Locator("[data-testid=lead-status]").Locator("..").ClickAsync();
        await first.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Junk lead" }).ClickAsync();
        await Assertions.Expect(form.Locator("[data-testid=lead-timeline]")).ToContainTextAsync("junked");
        await Assertions.Expect(row).ToContainTextAsync("Junk lead");

        var stored = (await api.Http.GetFromJsonAsync<Crm.Web.Leads.LeadPage>("/api/leads", Json))!.Items.Single();
        Assert.Equal(("Ann Lee", "JUNK", 2L), (stored.Title, stored.StatusId, stored.Version));
        var lead = (await api.Http.GetFromJsonAsync<Lead>($"/api/leads/{stored.Id}", Json))!;
        Assert.Equal("ann@harbourfoods.example", lead.Fields.Emails!.Single().Value);
        await second.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, "lead-list.png") });
    }

    [Fact]
    public async Task Converting_a_lead_asks_for_the_missing_name_and_its_deal_appears_on_the_board_of_another_browser()
    {
        var portal = await fixture.Host.CreatePortal();
        var api = await fixture.Host.SignIn(portal.AdminEmail);
        var lead = (await (await api.Http.PostAsJsonAsync("/api/leads", new { title = "Web enquiry", amount = 640, currency = "USD",
            emails = new[] { new { value = "quinn@known.example", type = "work" } } })).Content.ReadFromJsonAsync<Lead>(Json))!;
        await api.Http.PostAsJsonAsync("/api/contacts", new { firstName = "Known", lastName = "Quinn", emails = new[] { new { value = "Quinn@Known.example", type = "work" } } });
        var po = (await (await api.Http.PostAsJsonAsync("/api/custom-fields", new { recordKind = "deal", label = "PO number", type = "string", required = true }))
            .Content.ReadFromJsonAsync<Crm.Grains.Interfaces.CustomFields.CustomField>(Json))!;
        var board = await fixture.SignedInPage(portal.SecondEmail, $"/deals/board/{portal.PipelineId}", "[data-testid=board]");
        var page = await fixture.SignedInPage(portal.AdminEmail, "/leads", "[data-testid=lead-grid] tbody tr >> nth=0");

        await page.Locator("[data-testid=lead-grid] tbody tr", new() { HasText = "Web enquiry" }).ClickAsync();
        await page.Locator("[data-testid=lead-convert]").ClickAsync();
        var convert = page.Locator(".mud-dialog", new() { HasText = "Convert \"Web enquiry\"" });
        // The contact it would become may exist already: the dialog says so before anything is created.
        await Assertions.Expect(convert.Locator("[data-testid=duplicates]")).ToContainTextAsync("Known Quinn · same email");
        await convert.Locator("[data-testid=convert-submit]").ClickAsync();
        await Assertions.Expect(convert.Locator("[data-testid=convert-error]")).ToContainTextAsync("no person's name");

        await convert.Locator("input[data-testid=convert-last-name]").FillAsync("Quinn");
        // The deal's required field, which the lead cannot supply, is asked for under the deal.
        var poInput = convert.Locator($"[data-testid=convert-deal-custom] input[data-testid=custom-{po.Code}]");
        await convert.Locator("[data-testid=convert-submit]").ClickAsync();
        await Assertions.Expect(convert.Locator("[data-testid=convert-error]")).ToContainTextAsync("The new deal needs 'PO number'");
        await Assertions.Expect(poInput).ToHaveAttributeAsync("aria-invalid", "true");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, "convert-lead-required-fields.png"), FullPage = true });
        await poInput.FillAsync("PO-7");
        await poInput.PressAsync("Tab");
        await convert.Locator("[data-testid=convert-submit]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=lead-converted-to]")).ToContainTextAsync("contact #");

        // The new deal arrives live on the board open in the other browser.
        await Assertions.Expect(board.Locator(".deal-card", new() { HasText = "Web enquiry" })).ToBeVisibleAsync();
        var converted = (await api.Http.GetFromJsonAsync<Lead>($"/api/leads/{lead.Id}", Json))!;
        Assert.Equal("CONVERTED", converted.StatusId);
        var contact = (await api.Http.GetFromJsonAsync<Crm.Grains.Interfaces.Contacts.Contact>($"/api/contacts/{converted.Conversion!.ContactId}", Json))!;
        Assert.Equal("Quinn", contact.Fields.LastName);
        Assert.Equal("PO-7", (await api.Http.GetFromJsonAsync<Deal>($"/api/deals/{converted.Conversion.DealId}", Json))!.Custom![po.Code]);
    }

    [Fact]
    public async Task A_new_lead_with_a_known_phone_warns_of_the_duplicate_and_a_second_save_creates_it()
    {
        var portal = await fixture.Host.CreatePortal();
        var api = await fixture.Host.SignIn(portal.AdminEmail);
        await api.Http.PostAsJsonAsync("/api/leads", new { firstName = "Otto", lastName = "Sand", phones = new[] { new { value = "+49 30 901820", type = "work" } } });
        var page = await fixture.SignedInPage(portal.AdminEmail, "/leads", "[data-testid=lead-grid]");

        await page.Locator("[data-testid=new-lead]").ClickAsync();
        var form = page.Locator(".mud-dialog");
        await form.Locator("input[data-testid=lead-first-name]").FillAsync("O.");
        await form.Locator("input[data-testid=lead-last-name]").FillAsync("Sandberg");
        await form.Locator("[data-testid=lead-phone-add]").ClickAsync();
        await form.Locator("input[data-testid=lead-phone-0]").FillAsync("+49 (30) 90-18-20");
        await form.Locator("[data-testid=lead-save]").ClickAsync();

        await Assertions.Expect(form.Locator("[data-testid=duplicates]")).ToContainTextAsync("Otto Sand · same phone");
        Assert.Equal(1, (await api.Http.GetFromJsonAsync<Crm.Web.Leads.LeadPage>("/api/leads", Json))!.Total);

        await form.Locator("[data-testid=lead-save]").ClickAsync();
        await Assertions.Expect(form.Locator("[data-testid=lead-timeline]")).ToContainTextAsync("created");
        Assert.Equal(2, (await api.Http.GetFromJsonAsync<Crm.Web.Leads.LeadPage>("/api/leads", Json))!.Total);
    }

    [Fact]
    public async Task A_list_of_more_leads_than_are_counted_says_more_than_until_a_search_narrows_it()
    {
        var portal = await fixture.Host.CreatePortal();
        await ReadModelLeads.Insert(fixture.ConnectionString, portal.PortalId, portal.AdminId, Crm.Web.Lists.ListPages.Cap + 5);
        var page = await fixture.SignedInPage(portal.AdminEmail, "/leads", "[data-testid=lead-grid] tbody tr >> nth=0");
        var info = page.Locator(".mud-table-pagination-caption", new() { HasText = " of " });

        await Assertions.Expect(info).ToContainTextAsync($"1-25 of more than {Crm.Web.Lists.ListPages.Cap:N0}");
        await page.Locator("input[data-testid=lead-search]").FillAsync("rarity");
        await Assertions.Expect(info).ToContainTextAsync("1-5 of 5");
        await Assertions.Expect(page.Locator("[data-testid=lead-grid] tbody tr")).ToHaveCountAsync(5);
    }
}
