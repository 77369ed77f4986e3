using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Crm.Grains.Interfaces.Notifications;
using Crm.Grains.Notifications;
using Crm.Grains.ReadModel;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using static Crm.Web.Tests.ApiAssert;

namespace Crm.Web.Tests;

/// <summary>
/// In-app notifications: stored for their recipient, sent live to the recipient's hub connections
/// only (not to colleagues, not to another portal), listed and marked read through the API.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class NotificationsTests(WebFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private async Task<Notification> Notify(int portalId, int userId, string text) =>
        await fixture.Host.Services.GetRequiredService<IGrainFactory>()
            .Notify(fixture.Host.Services.GetRequiredService<INotificationStore>(), portalId, new NewNotification(userId, "robot", text, "deal", 42))
        ?? throw new InvalidOperationException("A notification without a dedupe key is always stored.");

    private static async Task<(HubConnection Hub, Channel<JsonElement> Received)> Listen(Crm.TestSupport.SignedInClient client)
    {
        var hub = client.BoardHub();
        var received = Channel.CreateUnbounded<JsonElement>();
        hub.On<JsonElement>("notification", n => received.Writer.TryWrite(n));
        await hub.StartAsync();
        await hub.InvokeAsync("SubscribeNotifications");
        return (hub, received);
    }

    [Fact]
    public async Task A_notification_reaches_its_recipient_live_and_in_the_list_and_no_one_else()
    {
        var portal = await fixture.Host.CreatePortal("Notified");
        var other = await fixture.Host.CreatePortal("Elsewhere");
        var admin = await fixture.Host.SignIn(portal.AdminEmail);
        var bob = await fixture.Host.SignIn(portal.SecondEmail);
        var (adminHub, adminReceived) = await Listen(admin);
        var (bobHub, bobReceived) = await Listen(bob);
        var (strangerHub, strangerReceived) = await Listen(await fixture.Host.SignIn(other.AdminEmail));
        await using var a = adminHub;
        await using var b = bobHub;
        await using var s = strangerHub;

        var forBob = await Notify(portal.PortalId, portal.SecondId, "Call the client <b>today</b>");
        // Sent after Bob's on the same feed: once the admin and the stranger have theirs, Bob's would have come first.
        var forAdmin = await Notify(portal.PortalId, portal.AdminId, "Deal 42 needs a look");
        await Notify(other.PortalId, other.AdminId, "Stranger's own");

        using var timeout = new CancellationTokenSource(Patience);
        var bobGot = await bobReceived.Reader.ReadAsync(timeout.Token);
        Assert.Equal(forBob.Id, bobGot.GetProperty("id").GetInt64());
        Assert.Equal("Call the client <b>today</b>", bobGot.GetProperty("text").GetString());
        Assert.Equal(forAdmin.Id, (await adminReceived.Reader.ReadAsync(timeout.Token)).GetProperty("id").GetInt64());
        Assert.Equal("Stranger's own", (await strangerReceived.Reader.ReadAsync(timeout.Token)).GetProperty("text").GetString());
        Assert.False(adminReceived.Reader.TryRead(out _));
        Assert.False(strangerReceived.Reader.TryRead(out _));

        var bobList = await bob.Http.GetFromJsonAsync<JsonElement>("/api/notifications");
        Assert.Equal(1, bobList.GetProperty("unread").GetInt32());
        Assert.Equal(forBob.Id, Assert.Single(bobList.GetProperty("items").EnumerateArray()).GetProperty("id").GetInt64());
        Assert.DoesNotContain(forBob.Id, (await admin.Http.GetFromJsonAsync<JsonElement>("/api/notifications")).GetProperty("items").EnumerateArray().Select(n => n.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task Marking_read_changes_only_the_users_own_notifications_and_bad_requests_change_nothing()
    {
        var portal = await fixture.Host.CreatePortal("Read marks");
        var admin = (await fixture.Host.SignIn(portal.AdminEmail)).Http;
        var bob = (await fixture.Host.SignIn(portal.SecondEmail)).Http;
        var bobs = new[] { await Notify(portal.PortalId, portal.SecondId, "one"), await Notify(portal.PortalId, portal.SecondId, "two") };
        await Notify(portal.PortalId, portal.AdminId, "admin's");

        // The admin naming Bob's notifications marks nothing.
        var byAdmin = await admin.PostAsJsonAsync("/api/notifications/read", new { ids = bobs.Select(n => n.Id) });
        Assert.Equal(0, (await byAdmin.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("marked").GetInt32());
        await ProblemOf(await bob.PostAsJsonAsync("/api/notifications/read", new { }), HttpStatusCode.BadRequest, "ids_required");
        await ProblemOf(await bob.PostAsJsonAsync("/api/notifications/read", new { ids = Enumerable.Range(1, 501) }), HttpStatusCode.BadRequest, "too_many_ids");
        Assert.Equal(2, (await bob.GetFromJsonAsync<JsonElement>("/api/notifications")).GetProperty("unread").GetInt32());

        var one = await bob.PostAsJsonAsync("/api/notifications/read", new { ids = new[] { bobs[0].Id } });
        Assert.Equal(1, (await one.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("marked").GetInt32());
        var unread = await bob.GetFromJsonAsync<JsonElement>("/api/notifications?unread=true");
        Assert.Equal(bobs[1].Id, Assert.Single(unread.GetProperty("items").EnumerateArray()).GetProperty("id").GetInt64());

        var all = await bob.PostAsJsonAsync("/api/notifications/read", new { all = true });
        Assert.Equal(1, (await all.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("marked").GetInt32());
        Assert.Equal(0, (await bob.GetFromJsonAsync<JsonElement>("/api/notifications")).GetProperty("unread").GetInt32());
        Assert.Equal(1, (await admin.GetFromJsonAsync<JsonElement>("/api/notifications")).GetProperty("unread").GetInt32());
    }
}
