using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Crm.Grains.Interfaces.Comments;
using static Crm.Web.Tests.ApiAssert;

namespace Crm.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class CommentsApiTests(WebFixture fixture)
{
    private static readonly JsonSerializerOptions Json = Crm.Web.Api.ApiJson.Options;

    [Fact]
    public async Task A_comment_shows_on_the_records_timeline_without_changing_its_version_and_only_its_author_edits_it()
    {
        var portal = await fixture.Host.CreatePortal();
        var alice = await fixture.Host.SignIn(portal.AdminEmail);
        var bob = await fixture.Host.SignIn(portal.SecondEmail);
        var company = await (await alice.Http.PostAsJsonAsync("/api/companies", new { title = "Talkative Inc" })).Content.ReadFromJsonAsync<JsonElement>();
        var companyId = company.GetProperty("id").GetInt64();

        var posted = await bob.Http.PostAsJsonAsync("/api/comments", new { owner = new { kind = "company", id = companyId }, text = "  Asked for a discount.  " });
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var comment = (await posted.Content.ReadFromJsonAsync<Comment>(Json))!;

        var history = (await alice.Http.GetFromJsonAsync<List<HistoryEntry>>($"/api/companies/{companyId}/history", Json))!;
        Assert.Equal(("commented", portal.SecondId, "Asked for a discount."), (history[0].Action, history[0].ActorId, history[0].Changes.Single().New));
        // Commenting is not an edit: someone editing the company with version 1 is not refused.
        var edit = await alice.Http.PutAsJsonAsync($"/api/companies/{companyId}", new { title = "Talkative Inc.", currency = "USD", version = 1 });
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);

        await Problem(await alice.Http.PutAsJsonAsync($"/api/comments/{comment.Id}", new { text = "Rewritten by someone else" }), HttpStatusCode.BadRequest, "not_the_author");
        await Problem(await alice.Http.DeleteAsync($"/api/comments/{comment.Id}"), HttpStatusCode.BadRequest, "not_the_author");
        Assert.Equal(HttpStatusCode.OK, (await bob.Http.PutAsJsonAsync($"/api/comments/{comment.Id}", new { text = "Asked for 5% off.", version = 1 })).StatusCode);
        history = (await alice.Http.GetFromJsonAsync<List<HistoryEntry>>($"/api/companies/{companyId}/history", Json))!;
        Assert.Contains(history, h => h.Action == "commented" && h.Changes.Single().New == "Asked for 5% off.");

        Assert.Equal(HttpStatusCode.NoContent, (await bob.Http.DeleteAsync($"/api/comments/{comment.Id}")).StatusCode);
        history = (await alice.Http.GetFromJsonAsync<List<HistoryEntry>>($"/api/companies/{companyId}/history", Json))!;
        Assert.DoesNotContain(history, h => h.Action == "commented");
    }

    [Theory]
    [InlineData("""{"owner":{"kind":"lead","id":LEAD},"text":"   "}""", "comment_required", "text")]
    [InlineData("""{"owner":{"kind":"invoice","id":1},"text":"Hi"}""", "invalid_owner", "owner.kind")]
    [InlineData("""{"owner":{"kind":"contact","id":987654},"text":"Hi"}""", "unknown_owner", "owner.id")]
    [InlineData("""{"text":"Hi"}""", "invalid_owner", "owner.kind")]
    public async Task Bad_comments_get_a_clear_error_and_store_nothing(string body, string code, string field)
    {
        var api = await fixture.Host.SignIn(fixture.Portal.AdminEmail);
        // A live lead of this portal to comment on (LEAD in the bodies), so only the flaw under test is wrong.
        var owner = await (await api.Http.PostAsJsonAsync("/api/leads", new { title = "Commented lead" })).Content.ReadFromJsonAsync<JsonElement>();
        body = body.Replace("LEAD", owner.GetProperty("id").GetInt64().ToString());
        await using var db = Npgsql.NpgsqlDataSource.Create(fixture.ConnectionString);
        async Task<long> Count()
        {
            await using var command = db.CreateCommand($"SELECT count(*) FROM comments WHERE portal_id = {fixture.Portal.PortalId}");
            return (long)(await command.ExecuteScalarAsync())!;
        }
        var before = await Count();
        var problem = await ProblemOf(await api.Http.PostAsync("/api/comments", new StringContent(body, Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest, code);
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Equal(before, await Count());
    }
}
