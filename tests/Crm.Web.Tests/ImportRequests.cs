using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Crm.TestSupport;
using Crm.Web.Import;

namespace Crm.Web.Tests;

/// <summary>The import API's calls as tests make them: upload a file (with a mapping and a duplicate mode), check, start, wait for the end.</summary>
public static class ImportRequests
{
    private static readonly JsonSerializerOptions Json = Crm.Web.Api.ApiJson.Options;

    public static Task<HttpResponseMessage> Upload(SignedInClient api, string path, string csv, object? mapping = null, string? duplicates = null) =>
        Upload(api, path, Encoding.UTF8.GetBytes(csv), mapping, duplicates);

    public static async Task<HttpResponseMessage> Upload(SignedInClient api, string path, byte[] file, object? mapping = null, string? duplicates = null)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(file) { Headers = { ContentType = new("text/csv") } }, "file", "import.csv");
        if (mapping is not null) form.Add(new StringContent(JsonSerializer.Serialize(mapping)), "mapping");
        if (duplicates is not null) form.Add(new StringContent(duplicates), "duplicates");
        return await api.Http.PostAsync(path, form);
    }

    public static async Task<ImportReport> Check(SignedInClient api, string kind, string csv, object? mapping = null, string? duplicates = null)
    {
        var response = await Upload(api, $"/api/import/{kind}/check", csv, mapping, duplicates);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ImportReport>(Json))!;
    }

    public static async Task<ImportProgress> Start(SignedInClient api, string kind, string csv, object? mapping = null, string? duplicates = null)
    {
        var response = await Upload(api, $"/api/import/{kind}", csv, mapping, duplicates);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var progress = (await response.Content.ReadFromJsonAsync<ImportProgress>(Json))!;
        Assert.Equal($"/api/import/jobs/{progress.Id}", response.Headers.Location?.OriginalString);
        return progress;
    }

    /// <summary>The job's report once it has ended (polled; bounded so a stuck job fails the test instead of hanging it).</summary>
    public static async Task<ImportJobReport> Ended(SignedInClient api, Guid id, Func<ImportProgress, bool>? until = null)
    {
        until ??= p => p.Ended;
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var report = (await api.Http.GetFromJsonAsync<ImportJobReport>($"/api/import/jobs/{id}?pageSize=500", Json))!;
            if (until(report.Progress)) return report;
            Assert.True(DateTime.UtcNow < deadline, $"The import did not get there in time: {report.Progress.Message}");
            await Task.Delay(25);
        }
    }

    /// <summary>Starts an import and waits for its end.</summary>
    public static async Task<ImportJobReport> RunImport(SignedInClient api, string kind, string csv, object? mapping = null, string? duplicates = null) =>
        await Ended(api, (await Start(api, kind, csv, mapping, duplicates)).Id);
}
