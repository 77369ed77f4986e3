using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.Grains.Outbox;
using Crm.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Crm.Web.Tests.ApiAssert;

namespace Crm.Web.Tests;

/// <summary>
/// The outbox through <c>/api/outbox</c>: portal admins list their portal's messages, retry failed
/// or held ones, and see or regenerate the webhook signing secret. The test host has no SMTP server,
/// so its e-mails are held.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class OutboxApiTests(WebFixture fixture)
{
    private async Task<(TestPortal Portal, HttpClient Admin)> NewPortal()
    {
        var portal = await fixture.Host.CreatePortal("Outbox portal");
        return (portal, (await fixture.Host.SignIn(portal.AdminEmail)).Http);
    }

    private IOutbox Outbox => fixture.Host.Services.GetRequiredService<IOutbox>();

    private static OutboxMessage Email(int portalId, string key) =>
        new(portalId, OutboxKind.Email, key, "client@example.com", $"About {key}", "Hello.", "deal", 1);

    /// <summary>A message as a sender left it, written straight to the table.</summary>
    private async Task<long> Stored(int portalId, string key, string status, int attempts = 1, string? error = null)
    {
        await using var db = NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var command = db.CreateCommand("""
            INSERT INTO outbox (portal_id, kind, dedupe_key, recipient, subject, body, status, attempts, last_error, sent_at)
            VALUES ($1, 'email', $2, 'client@example.com', 'Stored', 'Hello.', $3, $4, $5, CASE WHEN $3 = 'sent' THEN now() END)
            RETURNING id
            """);
        foreach (var value in new object[] { portalId, key, status, attempts, (object?)error ?? DBNull.Value })
            command.Parameters.Add(value is DBNull ? new() { Value = value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text } : new() { Value = value });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<JsonElement> List(HttpClient admin, string query = "") =>
        await admin.GetFromJsonAsync<JsonElement>($"/api/outbox{query}");

    private static async Task<JsonElement> Until(HttpClient admin, long id, Func<JsonElement, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var item = (await List(admin, "?pageSize=500")).GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetInt64() == id);
            if (condition(item)) return item;
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting on outbox message {id}: {item}");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task An_admin_lists_the_portals_messages_newest_first_filtered_by_status_and_paged()
    {
        var (portal, admin) = await NewPortal();
        var other = await fixture.Host.CreatePortal("Other outbox portal");
        var sent = await Stored(portal.PortalId, "list:sent", "sent");
        var failed = await Stored(portal.PortalId, "list:failed", "failed", 8, "The webhook answered 404 NotFound.");
        Assert.True(await Outbox.Enqueue(Email(portal.PortalId, "list:held")));
        await Stored(other.PortalId, "list:other", "failed");

        var all = await List(admin);
        Assert.Equal(3, all.GetProperty("total").GetInt64());
        var items = all.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["list:held", "list:failed", "list:sent"], items.Select(i => i.GetProperty("dedupeKey").GetString()));
        var heldId = items[0].GetProperty("id").GetInt64();
        var heldItem = await Until(admin, heldId, i => i.GetProperty("status").GetString() == "held");
        Assert.Equal(("email", "client@example.com", "About list:held", 1), (heldItem.GetProperty("kind").GetString(), heldItem.GetProperty("recipient").GetString(),
            heldItem.GetProperty("subject").GetString(), heldItem.GetProperty("attempts").GetInt32()));
        Assert.Contains("Crm:Smtp:Host", heldItem.GetProperty("lastError").GetString());

        var onlyFailed = await List(admin, "?status=failed");
        Assert.Equal(failed, Assert.Single(onlyFailed.GetProperty("items").EnumerateArray()).GetProperty("id").GetInt64());
        Assert.Equal("The webhook answered 404 NotFound.", onlyFailed.GetProperty("items")[0].GetProperty("lastError").GetString());
        var secondPage = await List(admin, "?page=2&pageSize=2");
        Assert.Equal(3, secondPage.GetProperty("total").GetInt64());
        Assert.Equal(sent, Assert.Single(secondPage.GetProperty("items").EnumerateArray()).GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task Only_a_portal_admin_may_see_the_outbox_retry_a_message_or_see_the_secret()
    {
        var (portal, admin) = await NewPortal();
        var id = await Stored(portal.PortalId, "admin-only:1", "failed");
        var seller = (await fixture.Host.SignIn(portal.SecondEmail)).Http;

        await Problem(await seller.GetAsync("/api/outbox"), HttpStatusCode.Forbidden, "not_admin");
        await Problem(await seller.PostAsync($"/api/outbox/{id}/retry", null), HttpStatusCode.Forbidden, "not_admin");
        await Problem(await seller.GetAsync("/api/outbox/webhook-secret"), HttpStatusCode.Forbidden, "not_admin");
        await Problem(await seller.PostAsync("/api/outbox/webhook-secret", null), HttpStatusCode.Forbidden, "not_admin");
        using var anonymous = new HttpClient { BaseAddress = fixture.Host.BaseAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/outbox")).StatusCode);

        var item = await Until(admin, id, _ => true);
        Assert.Equal(("failed", 1), (item.GetProperty("status").GetString(), item.GetProperty("attempts").GetInt32()));
    }

    [Theory]
    [InlineData("lost")]
    [InlineData("SENT; DROP TABLE outbox")]
    public async Task A_status_filter_that_is_no_status_is_refused(string status)
    {
        var (_, admin) = await NewPortal();
        var problem = await ProblemOf(await admin.GetAsync($"/api/outbox?status={Uri.EscapeDataString(status)}"), HttpStatusCode.BadRequest, "invalid_status");
        Assert.Equal("status", problem.GetProperty("field").GetString());
        Assert.Contains("pending, sending, sent, failed, held", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Retrying_a_failed_message_sends_it_again_with_fresh_attempts_and_is_audited()
    {
        var (portal, admin) = await NewPortal();
        var id = await Stored(portal.PortalId, "retry:failed", "failed", 8, "Gave up after 8 attempts.");

        var response = await admin.PostAsync($"/api/outbox/{id}/retry", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var retried = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("pending", 0), (retried.GetProperty("status").GetString(), retried.GetProperty("attempts").GetInt32()));
        // The host's sender takes it at once; without an SMTP server it is held, after one new attempt.
        var after = await Until(admin, id, i => i.GetProperty("status").GetString() == "held");
        Assert.Equal(1, after.GetProperty("attempts").GetInt32());
        var audit = (await admin.GetFromJsonAsync<List<JsonElement>>("/api/access/audit?limit=1000"))!;
        var entry = Assert.Single(audit, e => e.GetProperty("action").GetString() == "outbox.retried");
        Assert.Equal(id, entry.GetProperty("details").GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task A_sent_message_is_not_retried()
    {
        var (portal, admin) = await NewPortal();
        var id = await Stored(portal.PortalId, "retry:sent", "sent");

        await Problem(await admin.PostAsync($"/api/outbox/{id}/retry", null), HttpStatusCode.Conflict, "outbox_already_sent");
        Assert.Equal("sent", (await Until(admin, id, _ => true)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Another_portals_message_answers_as_a_missing_one_and_is_left_alone()
    {
        var (_, attacker) = await NewPortal();
        var (victim, victimAdmin) = await NewPortal();
        var id = await Stored(victim.PortalId, "victim:1", "failed", 8, "Victim's error");

        var theirs = await attacker.PostAsync($"/api/outbox/{id}/retry", null);
        var missing = await attacker.PostAsync("/api/outbox/999999999/retry", null);

        var detail = await Problem(theirs, HttpStatusCode.NotFound, "outbox_message_not_found");
        Assert.Equal((await Problem(missing, HttpStatusCode.NotFound, "outbox_message_not_found")).Replace("999999999", id.ToString()), detail);
        Assert.Equal(0, (await List(attacker)).GetProperty("total").GetInt64());
        var untouched = await Until(victimAdmin, id, _ => true);
        Assert.Equal(("failed", 8), (untouched.GetProperty("status").GetString(), untouched.GetProperty("attempts").GetInt32()));
    }

    [Fact]
    public async Task The_admin_sees_the_portals_webhook_secret_and_regenerating_it_replaces_it()
    {
        var (_, admin) = await NewPortal();
        var (_, otherAdmin) = await NewPortal();

        var first = await admin.GetFromJsonAsync<JsonElement>("/api/outbox/webhook-secret");
        var again = await admin.GetFromJsonAsync<JsonElement>("/api/outbox/webhook-secret");
        var others = await otherAdmin.GetFromJsonAsync<JsonElement>("/api/outbox/webhook-secret");
        var secret = first.GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", secret);
        Assert.Equal(secret, again.GetProperty("secret").GetString());
        Assert.NotEqual(secret, others.GetProperty("secret").GetString());

        var regenerated = await (await admin.PostAsync("/api/outbox/webhook-secret", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.NotEqual(secret, regenerated.GetProperty("secret").GetString());
        Assert.Equal(regenerated.GetProperty("secret").GetString(), (await admin.GetFromJsonAsync<JsonElement>("/api/outbox/webhook-secret")).GetProperty("secret").GetString());
        Assert.Equal(others.GetProperty("secret").GetString(), (await otherAdmin.GetFromJsonAsync<JsonElement>("/api/outbox/webhook-secret")).GetProperty("secret").GetString());
        var audit = (await admin.GetFromJsonAsync<List<JsonElement>>("/api/access/audit?limit=1000"))!;
        Assert.Single(audit, e => e.GetProperty("action").GetString() == "webhook_secret.regenerated");
    }
}
