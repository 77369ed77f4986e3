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
}
