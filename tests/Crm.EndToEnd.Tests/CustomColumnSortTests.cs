using Crm.Grains.Interfaces.CustomFields;

namespace Crm.EndToEnd.Tests;

/// <summary>A custom field's column sorts the list on the server, in the browser.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CustomColumnSortTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Clicking_a_custom_number_column_header_sorts_the_contacts_by_its_values_then_reverses_them()
    {
        var portal = await fixture.Host.CreatePortal();
        var api = await fixture.Host.SignIn(portal.AdminEmail);
        var seats = (await (await api.Http.PostAsJsonAsync("/api/custom-fields", new { recordKind = "contact", label = "Seats", type = "number" }))
            .Content.ReadFromJsonAsync<CustomField>(Json))!;
        foreach (var (name, value) in new[] { ("Ten", "10"), ("Nine", "9"), ("Hundred", "100") })
            Assert.Equal(System.Net.HttpStatusCode.Created, (await api.Http.PostAsJsonAsync("/api/contacts",
                new { firstName = "Seat", lastName = name, custom = new Dictionary<string, string> { [seats.Code] = value } })).StatusCode);
        var page = await fixture.SignedInPage(portal.AdminEmail, "/contacts", "[data-testid=contact-grid] tbody tr >> nth=2");
        var rows = page.Locator("[data-testid=contact-grid] tbody tr");

        await page.Locator("[data-testid=columns]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-menu-item", new() { HasText = "Seats" }).ClickAsync();
        await page.Keyboard.PressAsync("Escape");
        var header = page.Locator("th", new() { HasText = "Seats" }).Locator(".sortable-column-header, .column-header").First;

        // Numerically (text would put 10 and 100 before 9), then the reverse.
        await header.ClickAsync();
        await Assertions.Expect(rows).ToContainTextAsync(["Seat Nine", "Seat Ten", "Seat Hundred"]);
        await header.ClickAsync();
        await Assertions.Expect(rows).ToContainTextAsync(["Seat Hundred", "Seat Ten", "Seat Nine"]);
    }
}
