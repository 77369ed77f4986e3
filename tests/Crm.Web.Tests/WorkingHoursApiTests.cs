using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using static Crm.Web.Tests.ApiAssert;

namespace Crm.Web.Tests;

/// <summary>The portal's working hours through <c>/api/settings/working-hours</c>: read by everyone, set with the settings right, refused whole when any part is wrong.</summary>
[Collection(WebCollection.Name)]
public sealed class WorkingHoursApiTests(WebFixture fixture)
{
    [Fact]
    public async Task A_portal_starts_with_weekdays_nine_to_six_and_an_admin_sets_its_own_which_everyone_then_reads()
    {
        var portal = await fixture.Host.CreatePortal("Working hours portal");
        var admin = (await fixture.Host.SignIn(portal.AdminEmail)).Http;
        var seller = (await fixture.Host.SignIn(portal.SecondEmail)).Http;

        var initial = await seller.GetFromJsonAsync<JsonElement>("/api/settings/working-hours");
        Assert.Equal("UTC", initial.GetProperty("timeZoneId").GetString());
        Assert.Equal(["monday", "tuesday", "wednesday", "thursday", "friday"], initial.GetProperty("days").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal("09:00", initial.GetProperty("start").GetString());
        Assert.Equal("18:00", initial.GetProperty("end").GetString());

        var saved = await admin.PutAsJsonAsync("/api/settings/working-hours", new { timeZoneId = "Europe/Berlin", days = new[] { "saturday", "monday", "monday" }, start = "8:30", end = "16:45" });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var read = await seller.GetFromJsonAsync<JsonElement>("/api/settings/working-hours");
        Assert.Equal("Europe/Berlin", read.GetProperty("timeZoneId").GetString());
        Assert.Equal(["monday", "saturday"], read.GetProperty("days").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal("08:30", read.GetProperty("start").GetString());
        Assert.Equal("16:45", read.GetProperty("end").GetString());
    }

    public static TheoryData<string, string, string> BadBodies() => new()
    {
        { """{"timeZoneId":"Mars/Olympus","days":["monday"],"start":"09:00","end":"17:00"}""", "unknown_time_zone", "timeZoneId" },
        { """{"timeZoneId":"UTC","days":[],"start":"09:00","end":"17:00"}""", "working_days_required", "days" },
        { """{"timeZoneId":"UTC","days":["monday"],"start":"18:00","end":"09:00"}""", "working_hours_invalid", "end" },
        { """{"timeZoneId":"UTC","days":["monday"],"start":"9 o'clock","end":"17:00"}""", "invalid_time", "start" },
        { """{"timeZoneId":"UTC","days":["monday"],"start":"09:00"}""", "time_required", "end" },
        { """{"timeZoneId":"UTC","days":["someday"],"start":"09:00","end":"17:00"}""", "invalid_json", "days[0]" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_working_hours_are_refused_naming_the_field_and_change_nothing(string body, string code, string field)
    {
        var portal = await fixture.Host.CreatePortal("Bad working hours portal");
        var admin = (await fixture.Host.SignIn(portal.AdminEmail)).Http;
        var before = await admin.GetStringAsync("/api/settings/working-hours");

        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        var problem = await ProblemOf(await admin.PutAsync("/api/settings/working-hours", content), HttpStatusCode.BadRequest, code);
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Equal(before, await admin.GetStringAsync("/api/settings/working-hours"));
    }

    [Fact]
    public async Task Without_the_settings_right_working_hours_cannot_be_changed()
    {
        var portal = await fixture.Host.CreatePortal("Working hours rights portal");
        var admin = (await fixture.Host.SignIn(portal.AdminEmail)).Http;
        var seller = (await fixture.Host.SignIn(portal.SecondEmail)).Http;
        var before = await admin.GetStringAsync("/api/settings/working-hours");

        await ProblemOf(await seller.PutAsJsonAsync("/api/settings/working-hours", new { timeZoneId = "UTC", days = new[] { "sunday" }, start = "00:00", end = "23:59" }),
            HttpStatusCode.Forbidden, "access_denied");
        Assert.Equal(before, await admin.GetStringAsync("/api/settings/working-hours"));
    }
}
