using Crm.Grains.Interfaces.Contacts;
using Crm.Grains.Interfaces.CustomFields;
using Crm.Grains.Interfaces.Leads;

namespace Crm.EndToEnd.Tests;

/// <summary>Custom fields defined on the settings page, filled in record forms, checked on save and named on timelines.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CustomFieldFormTests(BrowserFixture fixture)
{
    private static async Task<ILocator> AddField(IPage page, string label, string type, bool required, params string[] items)
    {
        await page.Locator("[data-testid=custom-field-add]").ClickAsync();
        var dialog = page.Locator(".mud-dialog", new() { HasText = "New field" });
        await dialog.Locator("input[data-testid=custom-field-label]").FillAsync(label);
        await dialog.Locator("[data-testid=custom-field-type]").Locator("..").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasTextRegex = new($"^{type}$") }).ClickAsync();
        if (required) await dialog.Locator("[data-testid=custom-field-required]").CheckAsync();
        for (var i = 0; i < items.Length; i++)
        {
            if (i > 0) await dialog.Locator("[data-testid=custom-field-item-add]").ClickAsync();
            await dialog.Locator($"input[data-testid=custom-field-item-{i}]").FillAsync(items[i]);
        }
        await dialog.Locator("[data-testid=custom-field-save]").ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        var row = page.Locator("[data-testid=custom-field-table] tbody tr", new() { HasText = label });
        await Assertions.Expect(row).ToContainTextAsync(type);
        return row;
    }

    private static async Task<ILocator> OpenLead(IPage page, string title)
    {
        await page.Locator("[data-testid=lead-grid] tbody tr", new() { HasText = title }).ClickAsync();
        var form = page.Locator(".mud-dialog");
        await Assertions.Expect(form.Locator("[data-testid=custom-fields]")).ToBeVisibleAsync();
        return form;
    }

    [Fact]
    public async Task Lead_fields_defined_in_settings_are_filled_in_the_form_refused_when_required_and_empty_and_named_on_the_timeline()
    {
        var portal = await fixture.Host.CreatePortal();
        var api = await fixture.Host.SignIn(portal.AdminEmail);
        var lead = (await (await api.Http.PostAsJsonAsync("/api/leads", new { title = "Trade fair enquiry" })).Content.ReadFromJsonAsync<Lead>(Json))!;
        var page = await fixture.SignedInPage(portal.AdminEmail, "/settings/custom-fields", "[data-testid=custom-field-table]");

        var interestRow = await AddField(page, "Interest", "List", false, "Hardware", "Software");
        await Assertions.Expect(interestRow).ToContainTextAsync("Hardware, Software");
        await Assertions.Expect(await AddField(page, "Budget", "Number", true)).ToContainTextAsync("yes");
        var fields = (await api.Http.GetFromJsonAsync<List<CustomField>>("/api/custom-fields?recordKind=lead", Json))!;
        var interest = fields.Single(f => f.Label == "Interest");
        var budget = fields.Single(f => f.Label == "Budget");

        // Other record types keep their own fields.
        await page.Locator(".mud-tab", new() { HasText = "Deals" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=custom-field-table]")).ToHaveAttributeAsync("data-kind", "deal");
        await Assertions.Expect(page.Locator("[data-testid=custom-field-table] tbody tr")).ToHaveCountAsync(0);

        await page.GotoAsync("/leads");
        var form = await OpenLead(page, "Trade fair enquiry");
        await form.Locator($"[data-testid=custom-{interest.Code}]").Locator("..").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Software" }).ClickAsync();

        // The required budget is still empty: the grain's message, the input marked, nothing stored.
        await form.Locator("[data-testid=lead-save]").ClickAsync();
        await Assertions.Expect(form.Locator("[data-testid=lead-error]")).ToContainTextAsync("'Budget' is required.");
        await Assertions.Expect(form.Locator($"input[data-testid=custom-{budget.Code}]")).ToHaveAttributeAsync("aria-invalid", "true");
        var unchanged = (await api.Http.GetFromJsonAsync<Lead>($"/api/leads/{lead.Id}", Json))!;
        Assert.Equal((1L, null), (unchanged.Version, unchanged.Fields.Custom));

        await form.Locator($"input[data-testid=custom-{budget.Code}]").FillAsync("1500");
        await form.Locator($"input[data-testid=custom-{budget.Code}]").PressAsync("Tab");
        await form.Locator("[data-testid=lead-save]").ClickAsync();
        var timeline = form.Locator("[data-testid=lead-timeline]");
        await Assertions.Expect(timeline).ToContainTextAsync("Budget: — → 1500");
        await Assertions.Expect(timeline).ToContainTextAsync("Interest: — → Software");
        await Assertions.Expect(timeline).Not.ToContainTextAsync("UF_CRM_");
        await Assertions.Expect(form.Locator("[data-testid=lead-error]")).ToHaveCountAsync(0);

        // Reopened, the form shows what was stored.
        await form.Locator(".mud-dialog-actions").GetByRole(AriaRole.Button, new() { Name = "Close", Exact = true }).ClickAsync();
        await Assertions.Expect(form).ToHaveCountAsync(0);
        form = await OpenLead(page, "Trade fair enquiry");
        await Assertions.Expect(form.Locator($"input[data-testid=custom-{budget.Code}]")).ToHaveValueAsync("1500");
        await Assertions.Expect(form.Locator($"input[data-testid=custom-{interest.Code}]")).ToHaveValueAsync("Software");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, "custom-fields-lead-form.png"), FullPage = true });

        var stored = (await api.Http.GetFromJsonAsync<Lead>($"/api/leads/{lead.Id}", Json))!;
        var software = interest.Items!.Single(i => i.Name == "Software").Id;
        Assert.Equal(new Dictionary<string, string> { [budget.Code] = "1500", [interest.Code] = software }, stored.Fields.Custom);
        Assert.Equal(2L, stored.Version);
    }

    [Fact]
    public async Task Every_type_of_contact_field_shows_its_stored_value_and_a_save_keeps_the_values_it_did_not_touch()
    {
        var portal = await fixture.Host.CreatePortal();
        var api = await fixture.Host.SignIn(portal.AdminEmail);
        async Task<CustomField> Field(string label, string type, object? items = null) =>
            (await (await api.Http.PostAsJsonAsync("/api/custom-fields", new { recordKind = "contact", label, type, items })).Content.ReadFromJsonAsync<CustomField>(Json))!;
        var note = await Field("Note", "string");
        var size = await Field("Size", "number");
        var due = await Field("Due", "date");
        var vip = await Field("VIP", "boolean");
        var tier = await Field("Tier", "list", new[] { new { name = "Gold" }, new { name = "Silver" } });
        var budget = await Field("Budget", "money");
        var site = await Field("Site", "url");
        var owner = await Field("Owner", "user");
        var custom = new Dictionary<string, object>
        {
            [note.Code] = "first", [size.Code] = 12.5, [due.Code] = "2026-12-01", [vip.Code] = true, [tier.Code] = "Silver",
            [budget.Code] = "1200.50|EUR", [site.Code] = "https://example.com/x", [owner.Code] = portal.SecondId,
        };
        var created = (await (await api.Http.PostAsJsonAsync("/api/contacts", new { firstName = "Vera", lastName = "Stone", custom })).Content.ReadFromJsonAsync<Contact>(Json))!;
        var page = await fixture.SignedInPage(portal.AdminEmail, "/contacts", "[data-testid=contact-grid]");

        await page.Locator("[data-testid=contact-grid] tbody tr", new() { HasText = "Vera Stone" }).ClickAsync();
        var form = page.Locator(".mud-dialog");
        ILocator Input(CustomField field) => form.Locator($"input[data-testid=custom-{field.Code}]");
        await Assertions.Expect(Input(note)).ToHaveValueAsync("first");
        await Assertions.Expect(Input(size)).ToHaveValueAsync("12.5");
        await Assertions.Expect(Input(due)).ToHaveValueAsync("2026-12-01");
        await Assertions.Expect(Input(vip)).ToBeCheckedAsync();
        await Assertions.Expect(Input(tier)).ToHaveValueAsync("Silver");
        await Assertions.Expect(Input(budget)).ToHaveValueAsync("1200.5");
        await Assertions.Expect(form.Locator($"[data-testid=custom-{budget.Code}-currency]")).ToHaveTextAsync("EUR");
        await Assertions.Expect(Input(site)).ToHaveValueAsync("https://example.com/x");
        await Assertions.Expect(Input(owner)).ToHaveValueAsync("Bob Seller");

        await Input(note).FillAsync("second");
        await form.Locator("[data-testid=contact-save]").ClickAsync();
        await Assertions.Expect(form.Locator("[data-testid=timeline]")).ToContainTextAsync("Note: first → second");

        var stored = (await api.Http.GetFromJsonAsync<Contact>($"/api/contacts/{created.Id}", Json))!;
        var expected = new Dictionary<string, string>(created.Fields.Custom!) { [note.Code] = "second" };
        Assert.Equal(expected, stored.Fields.Custom);
        Assert.Equal(2L, stored.Version);
    }

    [Fact]
    public async Task Settings_rename_and_add_list_items_keep_the_type_and_delete_a_field_only_once_confirmed()
    {
        var portal = await fixture.Host.CreatePortal();
        var api = await fixture.Host.SignIn(portal.AdminEmail);
        var channel = (await (await api.Http.PostAsJsonAsync("/api/custom-fields",
            new { recordKind = "deal", label = "Channel", type = "list", items = new[] { new { name = "Web" }, new { name = "Phone" } } })).Content.ReadFromJsonAsync<CustomField>(Json))!;
        var page = await fixture.SignedInPage(portal.AdminEmail, "/settings/custom-fields", "[data-testid=custom-field-table]");
        await page.Locator(".mud-tab", new() { HasText = "Deals" }).ClickAsync();
        var row = page.Locator($"[data-testid=custom-field-table] tr[data-code={channel.Code}]");
        await Assertions.Expect(row).ToContainTextAsync("Web, Phone");

        await row.Locator("[data-testid=custom-field-edit]").ClickAsync();
        var dialog = page.Locator(".mud-dialog", new() { HasText = $"Field {channel.Code}" });
        await Assertions.Expect(dialog.Locator("input[data-testid=custom-field-type]")).ToBeDisabledAsync();
        await dialog.Locator("input[data-testid=custom-field-item-0]").FillAsync("Website");
        await dialog.Locator("[data-testid=custom-field-item-add]").ClickAsync();
        await dialog.Locator("input[data-testid=custom-field-item-2]").FillAsync("Partner");
        await dialog.Locator("[data-testid=custom-field-save]").ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("Website, Phone, Partner");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, "custom-fields-settings.png") });
        var items = (await api.Http.GetFromJsonAsync<List<CustomField>>("/api/custom-fields?recordKind=deal", Json))!.Single().Items!;
        Assert.Equal(["1:Website", "2:Phone", "3:Partner"], items.Select(i => $"{i.Id}:{i.Name}"));

        // Cancelled, nothing goes; confirmed, the field is gone.
        await row.Locator("[data-testid=custom-field-delete]").ClickAsync();
        var confirm = page.Locator(".mud-dialog", new() { HasText = "Delete \"Channel\"?" });
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Cancel", Exact = true }).ClickAsync();
        await Assertions.Expect(confirm).ToHaveCountAsync(0);
        await Assertions.Expect(row).ToBeVisibleAsync();
        await row.Locator("[data-testid=custom-field-delete]").ClickAsync();
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0);
        Assert.Empty((await api.Http.GetFromJsonAsync<List<CustomField>>("/api/custom-fields?recordKind=deal", Json))!);
    }
}
