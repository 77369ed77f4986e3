using System.Text.Json;
using System.Text.Json.Serialization;
using Crm.Grains.Interfaces.Activities;
using Crm.Grains.Interfaces.Automation;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Crm.Grains.Tests.Automation;

public class RobotSerializationTests
{
    private static readonly Robot Sample = new("r1", "Remind", RobotAction.CreateActivity,
        new RobotSettings(ActivityType: ActivityType.Call, Subject: "Call {{title}}", DeadlineMinutes: 60),
        new RobotTiming(RobotTimingKind.AtField, 1, RobotTimeUnit.Days, "closeDate", Before: true, WorkingHoursOnly: true),
        new RobotCondition(ConditionMatch.Any, [new ConditionRule("amount", ConditionOperator.Greater, "1000"), new ConditionRule("stageId", ConditionOperator.In, Values: ["A", "B"])]));

    // The API's settings: camelCase names, enums as camelCase strings.
    private static readonly JsonSerializerOptions Api = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    [Fact]
    public void A_robot_reads_naturally_as_api_json_and_comes_back_the_same()
    {
        var json = JsonSerializer.Serialize(Sample, Api);
        Assert.Contains("\"action\":\"createActivity\"", json);
        Assert.Contains("\"timing\":{\"kind\":\"atField\",\"amount\":1,\"unit\":\"days\",\"fieldCode\":\"closeDate\",\"before\":true", json);
        Assert.Contains("\"operator\":\"greater\"", json);
        Assert.Contains("\"match\":\"any\"", json);
        Assert.Equal(json, JsonSerializer.Serialize(JsonSerializer.Deserialize<Robot>(json, Api), Api));
    }

    [Fact]
    public void Json_may_leave_out_every_optional_member()
    {
        var robot = JsonSerializer.Deserialize<Robot>("""{"id":"a","name":"n","action":"sendSms","settings":{"body":"hi"},"timing":{"kind":"after","amount":2,"unit":"hours"}}""", Api)!;
        Assert.Equal(new RobotTiming(RobotTimingKind.After, 2, RobotTimeUnit.Hours), robot.Timing);
        Assert.Null(robot.Condition);
        var hours = JsonSerializer.Deserialize<WorkingHours>("""{"timeZoneId":"Europe/Berlin","days":["monday","friday"],"start":"08:30:00","end":"17:00:00"}""", Api)!;
        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Friday], hours.Days);
        Assert.Equal(new TimeOnly(8, 30), hours.Start);
    }

    [Fact]
    public void Robots_and_working_hours_cross_the_orleans_wire_intact()
    {
        using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        var robot = serializer.Deserialize<Robot>(serializer.SerializeToArray(Sample));
        Assert.Equal(JsonSerializer.Serialize(Sample, Api), JsonSerializer.Serialize(robot, Api));
        var hours = WorkingHours.Default("Europe/Berlin");
        var copy = serializer.Deserialize<WorkingHours>(serializer.SerializeToArray(hours))!;
        Assert.Equal((hours.TimeZoneId, hours.Start, hours.End), (copy.TimeZoneId, copy.Start, copy.End));
        Assert.Equal(hours.Days, copy.Days);
    }
}
