using System.Text.Json;

namespace Crm.EndToEnd.Tests;

/// <summary>The deal board as a user whose role reads only their own deals sees it, next to the admin's board of the same pipeline.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RestrictedBoardTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_user_who_reads_only_own_deals_sees_only_their_cards_and_column_totals_of_only_their_deals_also_live()
    {
        var portal = await fixture.Host.CreatePortal("Restricted board portal");
        var admin = (await fixture.Host.SignIn(portal.AdminEmail)).Http;
        var role = await (await admin.PostAsJsonAsync("/api/access/roles", new
        {
            name = "Own deals",
            permissions = new[] { new { entity = "deal", action = "read", scope = "own" } },
        })).Content.ReadFromJsonAsync<JsonElement>();
        (await admin.PutAsJsonAsync($"/api/access/roles/{role.GetProperty("id").GetInt32()}/assignees", new[] { new { kind = "user", subjectId = portal.SecondId } }))
            .EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync("/api/access/roles/1/assignees", Array.Empty<object>())).EnsureSuccessStatusCode();

        var pipeline = (await admin.GetFromJsonAsync<Pipeline>($"/api/pipelines/{portal.PipelineId}", Json))!;
        var (first, second) = (pipeline.Stages[0].Id, pipeline.Stages[1].Id);
        async Task<long> Deal(string title, int responsibleId, decimal amount, string stageId)
        {
            var created = await admin.PostAsJsonAsync("/api/deals", new { title, responsibleId, amount, currency = "EUR", pipelineId = pipeline.Id, stageId });
            created.EnsureSuccessStatusCode();
            return (await created.Content.ReadFromJsonAsync<Deal>(Json))!.Id;
        }
        var bobs = new[] { await Deal("Bob one", portal.SecondId, 100, first), await Deal("Bob two", portal.SecondId, 200, first) };
        var alices = new[] { await Deal("Alice one", portal.AdminId, 1000, first), await Deal("Alice two", portal.AdminId, 5000, first), await Deal("Alice three", portal.AdminId, 70, second) };

        var path = $"/deals/board/{pipeline.Id}";
        var adminPage = await fixture.SignedInPage(portal.AdminEmail, path, "[data-testid=board]");
        var bobPage = await fixture.SignedInPage(portal.SecondEmail, path, "[data-testid=board]");

        await Assertions.Expect(Column(adminPage, first).Locator("[data-testid=column-count]")).ToHaveTextAsync("4");
        await Assertions.Expect(Column(adminPage, first).Locator("[data-testid=column-sum]")).ToHaveTextAsync("6,300 EUR");
        await Assertions.Expect(Column(adminPage, second).Locator("[data-testid=column-count]")).ToHaveTextAsync("1");
        await Assertions.Expect(adminPage.Locator(".deal-card")).ToHaveCountAsync(5);

        await Assertions.Expect(Column(bobPage, first).Locator("[data-testid=column-count]")).ToHaveTextAsync("2");
        await Assertions.Expect(Column(bobPage, first).Locator("[data-testid=column-sum]")).ToHaveTextAsync("300 EUR");
        await Assertions.Expect(Column(bobPage, second).Locator("[data-testid=column-count]")).ToHaveTextAsync("0");
        await Assertions.Expect(bobPage.Locator(".deal-card")).ToHaveCountAsync(2);
        foreach (var id in bobs) await Assertions.Expect(bobPage.Locator($"[data-deal-id='{id}']")).ToBeVisibleAsync();
        foreach (var id in alices) await Assertions.Expect(bobPage.Locator($"[data-deal-id='{id}']")).ToHaveCountAsync(0);
        await Assertions.Expect(bobPage.Locator("body")).Not.ToContainTextAsync("Alice");

        // Live: the admin's new deal reaches the admin's board only; Bob's new one reaches Bob's, and his totals count it alone.
        var hidden = await Deal("Alice live", portal.AdminId, 900, first);
        await Assertions.Expect(Column(adminPage, first).Locator($"[data-deal-id='{hidden}']")).ToBeVisibleAsync();
        var visible = await Deal("Bob live", portal.SecondId, 30, first);
        await Assertions.Expect(Column(bobPage, first).Locator($"[data-deal-id='{visible}']")).ToBeVisibleAsync();
        await Assertions.Expect(Column(bobPage, first).Locator("[data-testid=column-count]")).ToHaveTextAsync("3");
        await Assertions.Expect(Column(bobPage, first).Locator("[data-testid=column-sum]")).ToHaveTextAsync("330 EUR");
        await Assertions.Expect(bobPage.Locator($"[data-deal-id='{hidden}']")).ToHaveCountAsync(0);
        await Assertions.Expect(Column(adminPage, first).Locator("[data-testid=column-count]")).ToHaveTextAsync("6");
        await Assertions.Expect(Column(adminPage, first).Locator("[data-testid=column-sum]")).ToHaveTextAsync("7,230 EUR");
        await bobPage.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, "board-own-deals-only.png"), FullPage = true });
    }
}
