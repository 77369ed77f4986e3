using System.Text.Json;

namespace Crm.EndToEnd.Tests;

/// <summary>Triggers in the board-level automation editor: an admin adds, edits and deletes a stage's triggers, what the API stores follows each step, and a stored webhook trigger moves deals; refusals are shown at their field.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TriggerEditorTests(BrowserFixture fixture)
{
    private static async Task<List<JsonElement>> Stored(HttpClient api, long pipelineId, string stageId)
    {
        var board = await api.GetFromJsonAsync<JsonElement>($"/api/pipelines/{pipelineId}/triggers");
        return board.GetProperty("stages").EnumerateArray().Single(s => s.GetProperty("stageId").GetString() == stageId).GetProperty("triggers").EnumerateArray().ToList();
    }

    private static async Task<IReadOnlyList<string>> Stages(HttpClient api, long pipelineId) =>
        (await api.GetFromJsonAsync<JsonElement>($"/api/pipelines/{pipelineId}")).GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("id").GetString()!).ToList();

    private static async Task<JsonElement> Ok(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task Choose(IPage page, ILocator select, string item)
    {
        await select.Locator("..").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasTextRegex = new($"^{System.Text.RegularExpressions.Regex.Escape(item)}$") }).ClickAsync();
    }

    private static async Task<string> StageOf(HttpClient api, long dealId) =>
        (await api.GetFromJsonAsync<JsonElement>($"/api/deals/{dealId}")).GetProperty("stageId").GetString()!;

    [Fact]
    public async Task An_admin_adds_a_webhook_trigger_lets_it_move_back_and_deletes_it_and_the_webhook_moves_a_deal_by_it()
    {
        var portal = await fixture.Host.CreatePortal();
        var api = (await fixture.Host.SignIn(portal.AdminEmail)).Http;
        var stages = await Stages(api, portal.PipelineId);
        var target = stages[1];
        var deal = (await Ok(await api.PostAsJsonAsync("/api/deals", new { title = "Paid late", currency = "USD", stageId = stages[3] }))).GetProperty("id").GetInt64();

        var page = await fixture.SignedInPage(portal.AdminEmail, $"/deals/robots/{portal.PipelineId}", "[data-testid=robot-board]");
        var column = Column(page, target);
        var cards = column.Locator("[data-testid=stage-triggers] article");
        await Assertions.Expect(cards).ToHaveCountAsync(0);

        // Add: a webhook trigger with a code; the dialog shows the call to make with the code as it will be stored.
        await column.Locator("[data-testid=add-trigger]").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await Choose(page, dialog.Locator("[data-testid=trigger-kind-select]"), "Webhook");
        await dialog.Locator("input[data-testid=trigger-code]").FillAsync("Invoice-Paid");
        await Assertions.Expect(dialog.Locator("[data-testid=trigger-webhook-text]")).ToContainTextAsync("""{"code":"invoice-paid","recordType":"deal","recordId":<deal id>}""");
        await Assertions.Expect(dialog.Locator("[data-testid=trigger-webhook-text]")).ToContainTextAsync("POST http");
        await dialog.Locator("input[data-testid=trigger-name-input]").FillAsync("Invoice paid");
        await dialog.Locator("[data-testid=trigger-save]").ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(cards.Locator("[data-testid=trigger-name]")).ToHaveTextAsync(["Invoice paid"]);
        await Assertions.Expect(cards.Locator("[data-testid=trigger-event]")).ToHaveTextAsync("Webhook with code invoice-paid");
        await Assertions.Expect(cards.Locator("[data-testid=trigger-back]")).ToHaveCountAsync(0);
        var call = cards.Locator("[data-testid=trigger-webhook-text]");
        await Assertions.Expect(call).ToBeHiddenAsync(); // folded on the narrow card until asked for
        await cards.Locator("[data-testid=trigger-webhook-call] summary").ClickAsync();
        await Assertions.Expect(call).ToBeVisibleAsync();
        await Assertions.Expect(call).ToContainTextAsync("""/api/triggers/webhook""");
        await Assertions.Expect(call).ToContainTextAsync("""{"code":"invoice-paid","recordType":"deal","recordId":<deal id>}""");

        var stored = Assert.Single(await Stored(api, portal.PipelineId, target));
        Assert.Equal("webhook", stored.GetProperty("kind").GetString());
        Assert.Equal("invoice-paid", stored.GetProperty("code").GetString());
        Assert.Equal("Invoice paid", stored.GetProperty("name").GetString());
        Assert.False(stored.GetProperty("allowBack").GetBoolean());
        var id = stored.GetProperty("id").GetString();

        // The deal is past the trigger's stage, so the webhook does not move it back yet.
        var hook = new { code = "INVOICE-PAID", recordType = "deal", recordId = deal };
        var answer = await Ok(await api.PostAsJsonAsync("/api/triggers/webhook", hook));
        Assert.Equal(0, answer.GetProperty("moved").GetArrayLength());
        Assert.Equal(stages[3], await StageOf(api, deal));

        // Edit: the trigger may now move records back; it keeps its id and code.
        await cards.Locator("[data-testid=trigger-edit]").ClickAsync();
        await Assertions.Expect(dialog.Locator("input[data-testid=trigger-code]")).ToHaveValueAsync("invoice-paid");
        await dialog.Locator("[data-testid=trigger-allow-back]").CheckAsync();
        await dialog.Locator("[data-testid=trigger-save]").ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(cards.Locator("[data-testid=trigger-back]")).ToHaveTextAsync("may move back");
        stored = Assert.Single(await Stored(api, portal.PipelineId, target));
        Assert.True(stored.GetProperty("allowBack").GetBoolean());
        Assert.Equal(id, stored.GetProperty("id").GetString());
        Assert.Equal("invoice-paid", stored.GetProperty("code").GetString());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, "trigger-editor.png"), FullPage = true });

        answer = await Ok(await api.PostAsJsonAsync("/api/triggers/webhook", hook));
        var moved = Assert.Single(answer.GetProperty("moved").EnumerateArray());
        Assert.Equal(deal, moved.GetProperty("recordId").GetInt64());
        Assert.Equal(target, moved.GetProperty("toStageId").GetString());
        Assert.Equal(target, await StageOf(api, deal));

        // Delete, after confirming.
        await cards.Locator("[data-testid=trigger-delete]").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Assertions.Expect(cards).ToHaveCountAsync(0);
        Assert.Empty(await Stored(api, portal.PipelineId, target));
    }

    [Fact]
    public async Task A_refused_trigger_shows_the_reason_at_its_field_keeps_the_input_and_a_seller_only_reads_the_triggers()
    {
        var portal = await fixture.Host.CreatePortal();
        var api = (await fixture.Host.SignIn(portal.AdminEmail)).Http;
        var stages = await Stages(api, portal.PipelineId);
        await Ok(await api.PutAsJsonAsync($"/api/pipelines/{portal.PipelineId}/stages/{stages[1]}/triggers",
            new { triggers = new object[] { new { kind = "webhook", code = "paid" }, new { kind = "dealStage", pipelineId = portal.PipelineId, stageId = stages[5], name = "Sibling won" } } }));

        var page = await fixture.SignedInPage(portal.AdminEmail, $"/deals/robots/{portal.PipelineId}", "[data-testid=robot-board]");
        var column = Column(page, stages[2]);
        await column.Locator("[data-testid=add-trigger]").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await Choose(page, dialog.Locator("[data-testid=trigger-kind-select]"), "Webhook");
        var code = dialog.Locator("input[data-testid=trigger-code]");
        var name = dialog.Locator("input[data-testid=trigger-name-input]");
        await name.FillAsync("Paid again");

        // A code another stage of the board already has, then one with a space: each refused at the code field.
        await code.FillAsync("PAID");
        await dialog.Locator("[data-testid=trigger-save]").ClickAsync();
        await Assertions.Expect(dialog.Locator("[data-testid=trigger-error]")).ToContainTextAsync("webhook code 'paid'");
        await Assertions.Expect(dialog.Locator(".mud-input-control.mud-input-error")).ToContainTextAsync("webhook code 'paid'");
        await Assertions.Expect(dialog.Locator(".mud-input-control.mud-input-error input")).ToHaveAttributeAsync("data-testid", "trigger-code");
        await Assertions.Expect(code).ToHaveValueAsync("PAID");
        await Assertions.Expect(name).ToHaveValueAsync("Paid again");

        await code.FillAsync("paid twice");
        await dialog.Locator("[data-testid=trigger-save]").ClickAsync();
        await Assertions.Expect(dialog.Locator("[data-testid=trigger-error]")).ToContainTextAsync("letters, digits");
        await Assertions.Expect(dialog.Locator(".mud-input-control.mud-input-error input")).ToHaveAttributeAsync("data-testid", "trigger-code");
        await Assertions.Expect(name).ToHaveValueAsync("Paid again");
        Assert.Empty(await Stored(api, portal.PipelineId, stages[2]));

        await code.FillAsync("paid-twice");
        await dialog.Locator("[data-testid=trigger-save]").ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(column.Locator("[data-testid=trigger-event]")).ToHaveTextAsync(["Webhook with code paid-twice"]);
        Assert.Equal("paid-twice", Assert.Single(await Stored(api, portal.PipelineId, stages[2])).GetProperty("code").GetString());

        // A user without the settings right sees the triggers in words but no way to change them.
        var seller = await fixture.SignedInPage(portal.SecondEmail, $"/deals/robots/{portal.PipelineId}", "[data-testid=robot-board]");
        await Assertions.Expect(seller.Locator("[data-testid=robots-read-only]")).ToBeVisibleAsync();
        var sellerColumn = Column(seller, stages[1]);
        await Assertions.Expect(sellerColumn.Locator("[data-testid=trigger-name]")).ToHaveTextAsync(["Webhook", "Sibling won"]);
        var pipeline = await api.GetFromJsonAsync<JsonElement>($"/api/pipelines/{portal.PipelineId}");
        var won = pipeline.GetProperty("stages")[5].GetProperty("name").GetString();
        await Assertions.Expect(sellerColumn.Locator("[data-testid=trigger-event]"))
            .ToHaveTextAsync(["Webhook with code paid", $"Deal in {pipeline.GetProperty("name").GetString()} reaches {won}"]);
        await Assertions.Expect(seller.Locator("[data-testid=add-trigger]")).ToHaveCountAsync(0);
        await Assertions.Expect(seller.Locator("[data-testid=trigger-edit]")).ToHaveCountAsync(0);
        await Assertions.Expect(seller.Locator("[data-testid=trigger-delete]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_admin_reorders_a_stages_triggers_and_the_order_stays_after_a_reload_and_the_converted_status_offers_no_trigger()
    {
        var portal = await fixture.Host.CreatePortal();
        var api = (await fixture.Host.SignIn(portal.AdminEmail)).Http;
        await Ok(await api.PutAsJsonAsync("/api/lead-statuses/IN_PROCESS/triggers",
            new { triggers = new object[] { new { kind = "incomingCall", name = "Called" }, new { kind = "incomingEmail", name = "Wrote" } } }));

        var page = await fixture.SignedInPage(portal.AdminEmail, "/leads/robots", "[data-testid=robot-board]");
        var names = Column(page, "IN_PROCESS").Locator("[data-testid=stage-triggers] [data-testid=trigger-name]");
        await Assertions.Expect(names).ToHaveTextAsync(["Called", "Wrote"]);
        await Assertions.Expect(Column(page, "IN_PROCESS").Locator("[data-testid=trigger-up]").First).ToBeDisabledAsync();
        await Column(page, "IN_PROCESS").Locator("[data-testid=trigger-down]").First.ClickAsync();
        await Assertions.Expect(names).ToHaveTextAsync(["Wrote", "Called"]);

        await page.ReloadAsync();
        await Assertions.Expect(names).ToHaveTextAsync(["Wrote", "Called"]);
        var board = await api.GetFromJsonAsync<JsonElement>("/api/leads/triggers");
        Assert.Equal(["Wrote", "Called"], board.GetProperty("stages").EnumerateArray().Single(st => st.GetProperty("stageId").GetString() == "IN_PROCESS")
            .GetProperty("triggers").EnumerateArray().Select(t => t.GetProperty("name").GetString()));

        // The server refuses triggers on the converted status, so the editor does not offer one.
        var converted = Column(page, "CONVERTED");
        await Assertions.Expect(converted.Locator("[data-testid=add-trigger]")).ToHaveCountAsync(0);
        await Assertions.Expect(converted.Locator("[data-testid=no-triggers-here]")).ToBeVisibleAsync();
        await Assertions.Expect(Column(page, "JUNK").Locator("[data-testid=add-trigger]")).ToHaveCountAsync(1);
    }
}
