using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.Grains.Interfaces.Lists;
using Crm.TestSupport;
using CsvHelper;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using static Crm.Web.Tests.ApiAssert;

namespace Crm.Web.Tests;

/// <summary>Exports of the filtered lists through the real host: chosen columns, names instead of ids, formulas neutralised.</summary>
[Collection(WebCollection.Name)]
public sealed class ExportApiTests(WebFixture fixture) : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = Crm.Web.Api.ApiJson.Options;
    private readonly string _tag = $"exp{Guid.NewGuid():N}"[..11];
    private SignedInClient _client = default!;

    public async Task InitializeAsync() => _client = await fixture.Host.SignIn(fixture.Portal.AdminEmail);
    public Task DisposeAsync() => Task.CompletedTask;

    private HttpClient Http => _client.Http;

    private string Url(string format, string columns) =>
        $"/api/leads/export?format={format}&columns={columns}&filter=" +
        Uri.EscapeDataString(JsonSerializer.Serialize(new[] { new FilterCondition("title", FilterOp.Contains, _tag) }, Json));

    private async Task Seed()
    {
        Assert.Equal(HttpStatusCode.Created, (await Http.PostAsJsonAsync("/api/leads", new { title = $"=HYPERLINK(\"http://evil.example\",\"{_tag}\")", sourceId = "CALL", amount = 12.5 })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Http.PostAsJsonAsync("/api/leads", new { title = $"{_tag} plain", phones = new[] { new { value = "+1 555 0100", type = "work" } } })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Http.PostAsJsonAsync("/api/leads", new { title = "Not in the filter" })).StatusCode);
    }

    [Fact]
    public async Task The_filtered_leads_export_to_csv_with_names_and_neutralised_formulas()
    {
        await Seed();
        var response = await Http.GetAsync(Url("csv", "title,sourceId,amount,phone,responsibleId"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition!.ToString());

        using var reader = CsvReader.Create(await response.Content.ReadAsByteArrayAsync(), new CsvReaderOptions { HasHeader = false });
        var rows = new List<string[]>();
        while (reader.Read()) rows.Add(reader.Current.ToArray());
        Assert.Equal(["Title", "Source", "Amount", "Phone", "Responsible"], rows[0]);
        Assert.Equal(3, rows.Count);
        Assert.Equal([$"'=HYPERLINK(\"http://evil.example\",\"{_tag}\")", "Call", "12.50", "", "Alice Admin"], rows[1]);
        Assert.Equal([$"{_tag} plain", "", "0.00", "'+1 555 0100", "Alice Admin"], rows[2]);
    }

    [Fact]
    public async Task The_filtered_leads_export_to_a_valid_xlsx_with_numbers_as_numbers()
    {
        await Seed();
        var response = await Http.GetAsync(Url("xlsx", "id,title,amount"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        var part = (WorksheetPart)document.WorkbookPart!.GetPartById(document.WorkbookPart.Workbook.Sheets!.Elements<Sheet>().Single().Id!.Value!);
        var rows = part.Worksheet.GetFirstChild<SheetData>()!.Elements<Row>().ToList();
        Assert.Equal(3, rows.Count);
        var formulaRow = rows[1].Elements<Cell>().ToList();
        Assert.Equal($"'=HYPERLINK(\"http://evil.example\",\"{_tag}\")", formulaRow[1].InlineString!.Text!.Text);
        Assert.Null(formulaRow[1].CellFormula);
        Assert.Null(formulaRow[2].DataType); // a number cell
        Assert.Equal(12.5m, decimal.Parse(formulaRow[2].CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Bad_export_requests_get_clear_errors()
    {
        await ProblemOf(await Http.GetAsync("/api/leads/export?format=pdf"), HttpStatusCode.BadRequest, "invalid_format");
        await ProblemOf(await Http.GetAsync("/api/leads/export?columns=title,password"), HttpStatusCode.BadRequest, "unknown_column");
        await ProblemOf(await Http.GetAsync("/api/leads/export?filter=" + Uri.EscapeDataString("""[{"field":"amount","op":"contains","value":"1"}]""")), HttpStatusCode.BadRequest, "invalid_filter_operator");
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync("/api/invoices/export")).StatusCode);
    }
}
