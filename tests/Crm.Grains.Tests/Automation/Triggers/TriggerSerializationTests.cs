using System.Text.Json;
using System.Text.Json.Serialization;
using Crm.Grains.Automation.Triggers;
using Crm.Grains.Interfaces.Automation;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Crm.Grains.Tests.Automation.Triggers;

public class TriggerSerializationTests
{
    private static readonly Trigger Sample = new("t1", "Other deal won", TriggerKind.DealStage, AllowBack: true, PipelineId: 3, StageId: "C3:WON");

    private static readonly JsonSerializerOptions Api = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    [Fact]
    public void A_trigger_reads_naturally_as_api_json_and_optional_settings_may_be_left_out()
    {
        var json = JsonSerializer.Serialize(Sample, Api);
        Assert.Equal("""{"id":"t1","name":"Other deal won","kind":"dealStage","allowBack":true,"pipelineId":3,"stageId":"C3:WON"}""", json);
        Assert.Equal(new Trigger("a", "n", TriggerKind.IncomingCall), JsonSerializer.Deserialize<Trigger>("""{"id":"a","name":"n","kind":"incomingCall"}""", Api));
    }

    [Fact]
    public void Stored_state_comes_back_the_same_with_default_json_settings()
    {
        var state = new StageTriggersState { Stages = { ["WON"] = [Sample, new Trigger("t2", "Paid", TriggerKind.Webhook, Code: "paid")] } };
        var copy = JsonSerializer.Deserialize<StageTriggersState>(JsonSerializer.Serialize(state))!;
        Assert.Equal(state.Stages["WON"], copy.Stages["WON"]);
    }

    [Fact]
    public void Triggers_events_and_reports_cross_the_orleans_wire_intact()
    {
        using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        Assert.Equal(Sample, serializer.Deserialize<Trigger>(serializer.SerializeToArray(Sample)));
        var e = new CustomerEvent(TriggerKind.Webhook, new Crm.Grains.Interfaces.Activities.RecordRef("deal", 4), Code: "paid", Note: "n");
        Assert.Equal(e, serializer.Deserialize<CustomerEvent>(serializer.SerializeToArray(e)));
        var report = new TriggerReport([new TriggerOutcome("deal", 4, true, "NEW", "WON", "t1", "Paid")]);
        Assert.Equal(report.Records, serializer.Deserialize<TriggerReport>(serializer.SerializeToArray(report)).Records);
    }
}
