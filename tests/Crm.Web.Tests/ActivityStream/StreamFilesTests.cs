using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Crm.Web.Tests.ApiAssert;
using static Crm.Web.Tests.ActivityStream.StreamKit;

namespace Crm.Web.Tests.ActivityStream;

/// <summary>Files of posts: stored as what their bytes prove them to be, size-limited, and served only to those the post reaches.</summary>
[Collection(WebCollection.Name)]
public sealed class StreamFilesTests(WebFixture fixture)
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    private static Task<HttpResponseMessage> Upload(HttpClient client, byte[] bytes, string name)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", name } };
        return client.PostAsync("/api/stream/files", form);
    }

    [Fact]
    public async Task An_attached_file_is_served_as_its_true_type_to_the_audience_only()
    {
        var portal = await fixture.Host.CreatePortal("Stream files");
        var admin = (await fixture.Host.SignIn(portal.AdminEmail)).Http;
        var bob = (await fixture.Host.SignIn(portal.SecondEmail)).Http;
        var carol = await AddUser(admin, "Carol Outsider");
        var carolHttp = (await fixture.Host.SignIn(carol.Email, Password)).Http;

        var uploaded = await (await Upload(admin, Png, "chart.png")).Content.ReadFromJsonAsync<JsonElement>();
        var fileId = uploaded.GetProperty("id").GetInt64();
        Assert.Equal("image/png", uploaded.GetProperty("contentType").GetString());
        // Before it is posted, the file is the uploader's alone.
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/stream/files/{fileId}")).StatusCode);
        await ProblemOf(await bob.GetAsync($"/api/stream/files/{fileId}"), HttpStatusCode.NotFound, "file_not_found");
        // Nor can anyone else attach it.
        await ProblemOf(await bob.PostAsJsonAsync("/api/stream", new { text = "mine now", audience = Everyone, fileIds = new[] { fileId } }),
            HttpStatusCode.BadRequest, "unknown_file");

        var post = await Post(admin, "See the chart", new { everyone = false, userIds = new[] { portal.SecondId } }, fileIds: [fileId]);
        Assert.Equal("chart.png", post.GetProperty("files")[0].GetProperty("name").GetString());
        var served = await bob.GetAsync($"/api/stream/files/{fileId}");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/png", served.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", served.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(Png, await served.Content.ReadAsByteArrayAsync());
        await ProblemOf(await carolHttp.GetAsync($"/api/stream/files/{fileId}"), HttpStatusCode.NotFound, "file_not_found");
        // Once posted, a file is not attached to a second post.
        await ProblemOf(await admin.PostAsJsonAsync("/api/stream", new { text = "again", audience = Everyone, fileIds = new[] { fileId } }),
            HttpStatusCode.BadRequest, "unknown_file");
    }

    [Fact]
    public async Task Disguised_oversized_unsupported_and_missing_files_are_refused_and_nothing_is_stored()
    {
        var portal = await fixture.Host.CreatePortal("Stream bad files");
        var admin = (await fixture.Host.SignIn(portal.AdminEmail)).Http;
        async Task<long> StoredFiles()
        {
            await using var db = Npgsql.NpgsqlDataSource.Create(fixture.ConnectionString);
            await using var count = db.CreateCommand($"SELECT count(*) FROM stream_files WHERE portal_id = {portal.PortalId}");
            return (long)(await count.ExecuteScalarAsync())!;
        }

        await ProblemOf(await Upload(admin, "<html><script>alert(1)</script></html>"u8.ToArray(), "photo.png"), HttpStatusCode.BadRequest, "disguised_file_type");
        await ProblemOf(await Upload(admin, [0x4D, 0x5A, 0x90, 0x00, 0x03], "report.pdf"), HttpStatusCode.BadRequest, "disguised_file_type");
        await ProblemOf(await Upload(admin, "<!DOCTYPE html><p>hi</p>"u8.ToArray(), "notes.txt"), HttpStatusCode.BadRequest, "disguised_file_type");
        await ProblemOf(await Upload(admin, [0x4D, 0x5A, 0x90, 0x00], "setup.exe"), HttpStatusCode.BadRequest, "unsupported_file_type");
        await ProblemOf(await Upload(admin, [], "empty.txt"), HttpStatusCode.BadRequest, "file_empty");
        var tooBig = new byte[10 * 1024 * 1024 + 1];
        Png.CopyTo(tooBig, 0);
        await ProblemOf(await Upload(admin, tooBig, "huge.png"), HttpStatusCode.BadRequest, "file_too_large");
        await ProblemOf(await admin.PostAsync("/api/stream/files", new StringContent("not a form")), HttpStatusCode.BadRequest, "file_required");
        Assert.Equal(0, await StoredFiles());

        var posts = new List<long>();
        for (var i = 0; i < 11; i++)
            posts.Add((await (await Upload(admin, "plain words, ünïcode"u8.ToArray(), $"n{i}.txt")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64());
        await ProblemOf(await admin.PostAsJsonAsync("/api/stream", new { text = "too many", audience = Everyone, fileIds = posts }), HttpStatusCode.BadRequest, "too_many_files");
    }

    [Fact]
    public async Task Files_never_posted_are_deleted_after_a_day_and_posted_ones_stay()
    {
        var portal = await fixture.Host.CreatePortal("Stream file sweep");
        var admin = (await fixture.Host.SignIn(portal.AdminEmail)).Http;
        async Task<long> Uploaded(string name) =>
            (await (await Upload(admin, "some words"u8.ToArray(), name)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var forgotten = await Uploaded("forgotten.txt");
        var posted = await Uploaded("posted.txt");
        var fresh = await Uploaded("fresh.txt");
        await Post(admin, "With a file", fileIds: [posted]);
        await using (var db = Npgsql.NpgsqlDataSource.Create(fixture.ConnectionString))
        await using (var age = db.CreateCommand($"UPDATE stream_files SET created_at = now() - interval '2 days' WHERE id IN ({forgotten}, {posted})"))
            Assert.Equal(2, await age.ExecuteNonQueryAsync());

        var sweeper = fixture.Host.Services.GetRequiredService<Crm.Web.ActivityStream.UnattachedFileSweeper>();
        Assert.True(await sweeper.Sweep(DateTimeOffset.UtcNow - Crm.Web.ActivityStream.UnattachedFileSweeper.KeptFor) >= 1);

        await ProblemOf(await admin.GetAsync($"/api/stream/files/{forgotten}"), HttpStatusCode.NotFound, "file_not_found");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/stream/files/{posted}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/stream/files/{fresh}")).StatusCode);
    }
}
