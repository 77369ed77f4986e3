using System.Text.Json;

namespace Crm.EndToEnd.Tests;

/// <summary>The board-level robot editor: an admin adds, reorders, edits and deletes a stage's robots, and what the API stores follows each step; refusals are shown at their field.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RobotEditorTests(BrowserFixture fixture)
{
    private static async Task<List<(string Id, string Name, JsonElement Robot)>> Stored(HttpClient api, string path, string stageId)
    {
        var board = await api.GetFromJsonAsync<JsonElement>(path);
        var stage = board.GetProperty("stages").EnumerateArray().Single(s => s.GetProperty("stageId").GetString() == stageId);
        return stage.GetProperty("robots").EnumerateArray().Select(r => (r.GetProperty("id").GetString()!, r.GetProperty("name").GetString()!, r)).ToList();
    }

    private static async Task Choose(IPage page, ILocator select, string item)
    {
        await select.Locator("..").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasTextRegex = new($"^{System.Text.RegularExpressions.Regex.Escape(item)}$") }).ClickAsync();
    }

    [Fact]
    public async Task An_admin_adds_reorders_edits_and_deletes_a_robot_and_the_api_stores_each_step()
    {
        var portal = await fixture.Host.CreatePortal();
        var api = (await fixture.Host.SignIn(portal.AdminEmail)).Http;
        var stageId = $"C{portal.PipelineId}:PREPARATION";
        var robotsPath = $"/api/pipelines/{portal.PipelineId}/robots";
        (await api.PutAsJsonAsync($"/api/pipelines/{portal.PipelineId}/stages/{stageId}/robots",
            new { robots = new[] { new { id = "note", name = "Existing note", action = "addComment", settings = new { text = "Entered" } } } })).EnsureSuccessStatusCode();

        var page = await fixture.SignedInPage(portal.AdminEmail, $"/deals/board/{portal.PipelineId}", "[data-testid=board]");
        await page.Locator("[data-testid=board-robots]").ClickAsync();
        await page.Locator("[data-testid=robot-board]").WaitForAsync();
        var column = Column(page, stageId);
        var cards = column.Locator("article.robot-card");
        await Assertions.Expect(cards.Locator("[data-testid=robot-name]")).ToHaveTextAsync(["Existing note"]);

        // Add: a notification two hours after entering the stage, within working hours, for deals over 1000.
        await column.Locator("[data-testid=add-robot]").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await dialog.Locator("input[data-testid=robot-name-input]").FillAsync("Ping the owner");
        await dialog.Locator("[data-testid=robot-text]").FillAsync("Deal {{title}} waits for you");
        await Choose(page, dialog.Locator("[data-testid=timing-kind]"), "After a delay");
        await dialog.Locator("input[data-testid=timing-amount]").FillAsync("2");
        await dialog.Locator("[data-testid=timing-working-hours]").CheckAsync();
        await dialog.Locator("[data-testid=condition-add]").ClickAsync();
        await Choose(page, dialog.Locator("[data-testid=condition-field-0]"), "Amount");
        await Choose(page, dialog.Locator("[data-testid=condition-operator-0]"), ">");
        await dialog.Locator("input[data-testid=condition-value-0]").FillAsync("1000");
        await dialog.Locator("[data-testid=robot-save]").ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(cards.Locator("[data-testid=robot-name]")).ToHaveTextAsync(["Existing note", "Ping the owner"]);
        var added = cards.Nth(1);
        await Assertions.Expect(added.Locator("[data-testid=robot-timing]")).ToHaveTextAsync("after 2 hours, working hours only");
        await Assertions.Expect(added.Locator("[data-testid=robot-condition]")).ToHaveTextAsync("if Amount > 1000");

        var stored = await Stored(api, robotsPath, stageId);
        Assert.Equal(["Existing note", "Ping the owner"], stored.Select(r => r.Name));
        var robot = stored[1].Robot;
        Assert.Equal("notify", robot.GetProperty("action").GetString());
        Assert.Equal("Deal {{title}} waits for you", robot.GetProperty("settings").GetProperty("text").GetString());
        Assert.Equal(2, robot.GetProperty("timing").GetProperty("amount").GetInt32());
        Assert.Equal("hours", robot.GetProperty("timing").GetProperty("unit").GetString());
        Assert.True(robot.GetProperty("timing").GetProperty("workingHoursOnly").GetBoolean());
        Assert.Equal("1000", robot.GetProperty("condition").GetProperty("rules")[0].GetProperty("value").GetString());
        var addedId = stored[1].Id;

        // Reorder: the new robot moves up.
        await added.Locator("[data-testid=robot-up]").ClickAsync();
        await Assertions.Expect(cards.Locator("[data-testid=robot-name]")).ToHaveTextAsync(["Ping the owner", "Existing note"]);
        Assert.Equal([addedId, "note"], (await Stored(api, robotsPath, stageId)).Select(r => r.Id));

        // Edit: renamed and three hours instead of two; it keeps its place and id.
        await cards.Nth(0).Locator("[data-testid=robot-edit]").ClickAsync();
        await Assertions.Expect(dialog.Locator("input[data-testid=robot-name-input]")).ToHaveValueAsync("Ping the owner");
        await dialog.Locator("input[data-testid=robot-name-input]").FillAsync("Ping the owner soon");
        await dialog.Locator("input[data-testid=timing-amount]").FillAsync("3");
        await dialog.Locator("[data-testid=robot-save]").ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(cards.Nth(0).Locator("[data-testid=robot-name]")).ToHaveTextAsync("Ping the owner soon");
        await Assertions.Expect(cards.Nth(0).Locator("[data-testid=robot-timing]")).ToHaveTextAsync("after 3 hours, working hours only");
        stored = await Stored(api, robotsPath, stageId);
        Assert.Equal([addedId, "note"], stored.Select(r => r.Id));
        Assert.Equal("Ping the owner soon", stored[0].Name);
        Assert.Equal(3, stored[0].Robot.GetProperty("timing").GetProperty("amount").GetInt32());

        // Delete, after confirming.
        await cards.Nth(0).Locator("[data-testid=robot-delete]").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Assertions.Expect(cards.Locator("[data-testid=robot-name]")).ToHaveTextAsync(["Existing note"]);
        Assert.Equal(["note"], (await Stored(api, robotsPath, stageId)).Select(r => r.Id));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, "robot-editor.png"), FullPage = true });
    }

    [Fact]
    public async Task A_refused_robot_shows_the_reason_at_its_field_keeps_the_input_and_stores_nothing_until_corrected()
    {
        var portal = await fixture.Host.CreatePortal();
        var api = (await fixture.Host.SignIn(portal.AdminEmail)).Http;
        var page = await fixture.SignedInPage(portal.AdminEmail, "/leads/board", "[data-testid=lead-board]");
        await page.Locator("[data-testid=board-robots]").ClickAsync();
        await page.Locator("[data-testid=robot-board]").WaitForAsync();
        var column = Column(page, "IN_PROCESS");

        await column.Locator("[data-testid=add-robot]").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await Choose(page, dialog.Locator("[data-testid=robot-action-select]"), "Call a webhook");
        var url = dialog.Locator("input[data-testid=robot-url]");
        await url.FillAsync("http://169.254.169.254/latest/meta-data/");
        await dialog.Locator("input[data-testid=robot-name-input]").FillAsync("Tell the warehouse");
        await dialog.Locator("[data-testid=robot-save]").ClickAsync();

        await Assertions.Expect(dialog.Locator("[data-testid=robot-error]")).ToContainTextAsync("IP address");
        await Assertions.Expect(dialog.Locator(".mud-input-control.mud-input-error")).ToContainTextAsync("IP address"); // the URL field itself is marked
        await Assertions.Expect(url).ToHaveValueAsync("http://169.254.169.254/latest/meta-data/");
        await Assertions.Expect(dialog.Locator("input[data-testid=robot-name-input]")).ToHaveValueAsync("Tell the warehouse");
        Assert.Empty(await Stored(api, "/api/leads/robots", "IN_PROCESS"));

        await url.FillAsync("https://warehouse.example.com/hooks/crm");
        await dialog.Locator("[data-testid=robot-save]").ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(column.Locator("[data-testid=robot-name]")).ToHaveTextAsync(["Tell the warehouse"]);
        var stored = await Stored(api, "/api/leads/robots", "IN_PROCESS");
        Assert.Equal("https://warehouse.example.com/hooks/crm", Assert.Single(stored).Robot.GetProperty("settings").GetProperty("url").GetString());

        // A user without the settings right sees the robot but no way to change it.
        var seller = await fixture.SignedInPage(portal.SecondEmail, "/leads/robots", "[data-testid=robot-board]");
        await Assertions.Expect(seller.Locator("[data-testid=robots-read-only]")).ToBeVisibleAsync();
        await Assertions.Expect(Column(seller, "IN_PROCESS").Locator("[data-testid=robot-name]")).ToHaveTextAsync(["Tell the warehouse"]);
        await Assertions.Expect(seller.Locator("[data-testid=add-robot]")).ToHaveCountAsync(0);
        await Assertions.Expect(seller.Locator("[data-testid=robot-edit]")).ToHaveCountAsync(0);
    }
}
