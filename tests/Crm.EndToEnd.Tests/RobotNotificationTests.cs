using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Crm.Grains.Interfaces.Automation;
using Crm.Grains.Interfaces.Common;
using Crm.Grains.Interfaces.Pipelines;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.EndToEnd.Tests;

/// <summary>A robot on a stage notifies the deal's responsible when a colleague moves the deal there: the bell lights up live, names the stage, and opens the deal.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RobotNotificationTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Moving_a_deal_into_a_stage_with_a_notify_robot_lights_the_responsibles_bell_and_the_notification_opens_the_deal()
    {
        var portal = await fixture.Host.CreatePortal();
        var grains = fixture.Host.Services.GetRequiredService<IGrainFactory>();
        var stages = (await grains.GetGrain<IPipelineGrain>(GrainKeys.For(portal.PortalId, portal.PipelineId)).Get()).Stages;
        await grains.GetGrain<IStageRobotsGrain>(RobotBoards.Deals(portal.PortalId, portal.PipelineId)).Set(stages[1].Id,
            [new Robot("tell", "Tell the owner", RobotAction.Notify, new RobotSettings(Text: "{{title}} is in {{stage}} now"), RobotTiming.Now)], portal.AdminId);
        var page = await fixture.SignedInPage(portal.SecondEmail, "/", "[data-testid=notifications-open]");
        var admin = (await fixture.Host.SignIn(portal.AdminEmail)).Http;
        var created = await admin.PostAsJsonAsync("/api/deals", new { title = "Solar roof", amount = 10, currency = "USD", pipelineId = portal.PipelineId, responsibleId = portal.SecondId });
        var dealId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        (await admin.PostAsJsonAsync($"/api/deals/{dealId}/move", new { stageId = stages[1].Id })).EnsureSuccessStatusCode();

        await Assertions.Expect(page.Locator("[data-testid=notifications-unread] .mud-badge")).ToHaveTextAsync("1");
        await page.Locator("[data-testid=notifications-open]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=notification]")).ToContainTextAsync($"Solar roof is in {stages[1].Name} now");

        await page.Locator("[data-testid=notification]").ClickAsync();
        // The link is the deal's own address, which replaces itself with its board's; Expect reads the URL until it
        // is there (waiting for a navigation event could miss that replacement and wait in vain).
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/deals/board/{portal.PipelineId}\\?deal={dealId}$"));
        var dialog = page.Locator(".mud-dialog");
        await Assertions.Expect(dialog.Locator(".mud-dialog-title")).ToHaveTextAsync($"Deal #{dealId}");
        await Assertions.Expect(dialog.Locator("input[data-testid=deal-title]")).ToHaveValueAsync("Solar roof");
    }
}
