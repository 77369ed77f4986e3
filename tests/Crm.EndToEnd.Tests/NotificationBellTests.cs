using Crm.Grains.Interfaces.Notifications;
using Crm.Grains.Notifications;
using Crm.Grains.ReadModel;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.EndToEnd.Tests;

/// <summary>The bell in the app bar counts a new notification live, lists it, and opening it marks it read.</summary>
[Collection(BrowserCollection.Name)]
public sealed class NotificationBellTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_notification_lights_the_bell_live_and_opening_the_bell_reads_it()
    {
        var portal = await fixture.Host.CreatePortal();
        var page = await fixture.SignedInPage(portal.SecondEmail, "/", "[data-testid=notifications-open]");
        var unread = page.Locator("[data-testid=notifications-unread] .mud-badge");

        await fixture.Host.Services.GetRequiredService<IGrainFactory>().Notify(fixture.Host.Services.GetRequiredService<INotificationStore>(),
            portal.PortalId, new NewNotification(portal.SecondId, "robot", "<i>Call</i> Acme back", "deal", 7));

        await Assertions.Expect(unread).ToHaveTextAsync("1");
        await page.Locator("[data-testid=notifications-open]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=notification]")).ToContainTextAsync("<i>Call</i> Acme back");
        await Assertions.Expect(unread).ToBeHiddenAsync();
        Assert.Equal(0, (await fixture.Host.Services.GetRequiredService<Crm.Web.Notifications.NotificationQueries>()
            .List(new Crm.Web.Api.RequestUser(portal.PortalId, portal.SecondId), true, 10)).Unread);
    }
}
