using System.Text;

namespace Crm.EndToEnd.Tests;

/// <summary>The import page: upload, mapping (suggested, then changed), check, import with live progress, the final report.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ImportTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_lead_file_is_mapped_checked_and_imported_and_the_report_lists_the_row_that_failed()
    {
        var portal = await fixture.Host.CreatePortal();
        var page = await fixture.SignedInPage(portal.AdminEmail, "/leads", "[data-testid=lead-grid]");
        await page.Locator("[data-testid=import-leads]").ClickAsync();
        await page.Locator("[data-testid=import-choose]").WaitForAsync();

        const string csv = "Name,Last name,Company,Phone,Remarks\r\n"
            + "Ann,Lee,Harbour Foods,+44 20 7946 0018,\"Met at the fair\r\ncall in May\"\r\n"
            + "Bruno,Diaz,,call me,\r\n"
            + "Cleo,Park,Orchard Ltd,+44 113 496 0000,\r\n";
        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "leads.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv),
        });

        // Suggested from the headers; the unknown "Remarks" column is mapped by hand.
        var mapping = page.Locator("[data-testid=import-mapping]");
        await Assertions.Expect(page.Locator("[data-testid=import-file-name]")).ToContainTextAsync("leads.csv · 3 rows");
        await Assertions.Expect(mapping.Locator("tr[data-column='Phone']")).ToContainTextAsync("Work phone");
        await Assertions.Expect(mapping.Locator("tr[data-column='Name']")).ToContainTextAsync("First name");
        await mapping.Locator("[data-testid=import-field-4]").Locator("..").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Comments" }).ClickAsync();

        await page.Locator("[data-testid=import-check]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=import-check-summary]")).ToContainTextAsync("Check of 3 rows: 2 ok, 0 duplicates, 1 with errors");
        await Assertions.Expect(page.Locator("[data-testid=import-report]")).ToContainTextAsync("is not a phone number");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, "import-check.png"), FullPage = true });

        await page.Locator("[data-testid=import-start]").ClickAsync();
        var progress = page.Locator("[data-testid=import-progress][data-state=Completed]");
        await Assertions.Expect(progress).ToBeVisibleAsync();
        await Assertions.Expect(progress.Locator("[data-testid=import-counts]")).ToContainTextAsync("3 of 3 rows · 2 created · 0 merged · 0 skipped · 1 failed");
        var report = page.Locator("[data-testid=import-report]");
        // Rows are numbered as a spreadsheet shows them: Ann's two-line remark is one row.
        await Assertions.Expect(report.Locator("tr", new() { HasText = "is not a phone number" }).Locator("td").First).ToHaveTextAsync("3");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, "import.png"), FullPage = true });

        var api = await fixture.Host.SignIn(portal.AdminEmail);
        var leads = (await api.Http.GetFromJsonAsync<Crm.Web.Leads.LeadPage>("/api/leads", Json))!;
        Assert.Equal(["Ann Lee", "Cleo Park"], leads.Items.Select(l => l.Title).Order());
        var ann = (await api.Http.GetFromJsonAsync<Crm.Grains.Interfaces.Leads.Lead>($"/api/leads/{leads.Items.Single(l => l.Title == "Ann Lee").Id}", Json))!;
        Assert.Equal("Met at the fair\r\ncall in May", ann.Fields.Comments);
    }
}
