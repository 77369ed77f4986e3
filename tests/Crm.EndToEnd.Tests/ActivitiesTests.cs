using Crm.Grains.Interfaces.Leads;

namespace Crm.EndToEnd.Tests;

/// <summary>Activities on a record's card and on "my activities": overdue ones stand out, completing one reaches the timeline.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ActivitiesTests(BrowserFixture fixture)
{
    [Fact]
    public async Task An_activity_added_on_a_lead_card_and_ticked_done_shows_on_the_leads_timeline_and_my_activities_flags_overdue_ones()
    {
        var portal = await fixture.Host.CreatePortal();
        var api = await fixture.Host.SignIn(portal.AdminEmail);
        var lead = (await (await api.Http.PostAsJsonAsync("/api/leads", new { title = "Ring me" })).Content.ReadFromJsonAsync<Lead>(Json))!;
        await api.Http.PostAsJsonAsync("/api/activities", new { type = "task", subject = "Send the offer", owner = new { kind = "lead", id = lead.Id }, deadline = DateTimeOffset.UtcNow.AddDays(-2) });

        var mine = await fixture.SignedInPage(portal.AdminEmail, "/activities", "[data-testid=my-activities]");
        await Assertions.Expect(mine.Locator("tr.overdue")).ToContainTextAsync("Send the offer");

        var page = await fixture.SignedInPage(portal.AdminEmail, "/leads", "[data-testid=lead-grid] tbody tr >> nth=0");
        await page.Locator("[data-testid=lead-grid] tbody tr", new() { HasText = "Ring me" }).ClickAsync();
        var form = page.Locator(".mud-dialog");
        await form.Locator("input[data-testid=activity-subject]").FillAsync("Call Ann");
        await form.Locator("[data-testid=activity-add]").ClickAsync();
        var activities = form.Locator("[data-testid=activities]");
        await Assertions.Expect(activities).ToContainTextAsync("call · Call Ann");
        await Assertions.Expect(activities).ToContainTextAsync("overdue"); // the old task

        await activities.Locator(".mud-list-item", new() { HasText = "Call Ann" }).Locator("input[type=checkbox]").CheckAsync();
        await Assertions.Expect(form.Locator("[data-testid=lead-timeline]")).ToContainTextAsync("call \"Call Ann\" completed");
        await Assertions.Expect(form.Locator("[data-testid=lead-timeline]")).Not.ToContainTextAsync("deadline: — → —"); // no change, no line
        await Assertions.Expect(form.Locator(".mud-dialog-title")).ToHaveTextAsync($"Lead #{lead.Id}");

        // A comment joins the timeline too.
        await form.Locator("textarea[data-testid=comment-text]").FillAsync("She prefers mornings.");
        await form.Locator("[data-testid=comment-post]").ClickAsync();
        await Assertions.Expect(form.Locator("[data-testid=lead-timeline]")).ToContainTextAsync("commented");
        await Assertions.Expect(form.Locator("[data-testid=lead-timeline]")).ToContainTextAsync("She prefers mornings.");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, "lead-activities.png") });
    }
}
