using Crm.Grains.Common;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Crm.Silo.Tests;

/// <summary>
/// The product's grain storage (grouped reads and writes) keeps the ADO.NET provider's rows: each reads
/// what the other wrote, for every kind of grain key, and version conflicts are still refused.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class GroupedGrainStorageTests(ClusterFixture fixture)
{
    public sealed class ProbeState
    {
        public string Text { get; set; } = "";
    }

    private IGrainStorage Grouped => fixture.Cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(StorageNames.Crm);
    private IGrainStorage AdoNet => fixture.Cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(ClusterFixture.AdoNetStorage);

    public static TheoryData<string> KeyKinds => ["string", "integer", "integer+extension", "guid", "guid+extension"];

    private static GrainId Id(string kind)
    {
        var type = GrainType.Create("probe");
        var unique = Random.Shared.NextInt64(1, long.MaxValue);
        return kind switch
        {
            "string" => GrainId.Create(type, $"7/lead-{unique}"),
            "integer" => GrainId.Create(type, GrainIdKeyExtensions.CreateIntegerKey(unique)),
            "integer+extension" => GrainId.Create(type, GrainIdKeyExtensions.CreateIntegerKey(unique, "ext/ü")),
            "guid" => GrainId.Create(type, GrainIdKeyExtensions.CreateGuidKey(Guid.NewGuid())),
            _ => GrainId.Create(type, GrainIdKeyExtensions.CreateGuidKey(Guid.NewGuid(), "ext")),
        };
    }

    private static async Task<GrainState<ProbeState>> Read(IGrainStorage storage, GrainId id)
    {
        var state = new GrainState<ProbeState>(new ProbeState());
        await storage.ReadStateAsync("probe", id, state);
        return state;
    }

    [Theory]
    [MemberData(nameof(KeyKinds))]
    public async Task Each_provider_reads_and_updates_what_the_other_wrote(string keyKind)
    {
        var id = Id(keyKind);
        var written = new GrainState<ProbeState>(new ProbeState { Text = "by ADO.NET" });
        await AdoNet.WriteStateAsync("probe", id, written);

        var read = await Read(Grouped, id);
        Assert.True(read.RecordExists);
        Assert.Equal("by ADO.NET", read.State!.Text);
        Assert.Equal(written.ETag, read.ETag);

        read.State.Text = "by the grouped provider";
        await Grouped.WriteStateAsync("probe", id, read);
        var back = await Read(AdoNet, id);
        Assert.Equal("by the grouped provider", back.State!.Text);
        Assert.Equal(read.ETag, back.ETag);

        await Grouped.ClearStateAsync("probe", id, read);
        Assert.False((await Read(AdoNet, id)).RecordExists);
    }

    [Fact]
    public async Task A_state_never_stored_reads_as_new_and_is_inserted_once()
    {
        var id = Id("string");
        var first = await Read(Grouped, id);
        var second = await Read(Grouped, id);
        Assert.False(first.RecordExists);
        Assert.Null(first.ETag);
        Assert.Equal("", first.State!.Text);

        first.State.Text = "first";
        await Grouped.WriteStateAsync("probe", id, first);
        Assert.Equal("1", first.ETag);
        // A second activation that also saw no state must not overwrite the first one's.
        second.State!.Text = "second";
        await Assert.ThrowsAsync<InconsistentStateException>(() => Grouped.WriteStateAsync("probe", id, second));
        Assert.Equal("first", (await Read(AdoNet, id)).State!.Text);
    }

    [Fact]
    public async Task Concurrent_writes_share_groups_and_a_stale_version_fails_only_its_own_grain()
    {
        var ids = Enumerable.Range(0, 200).Select(_ => Id("string")).ToList();
        var states = ids.Select(_ => new GrainState<ProbeState>(new ProbeState())).ToList();
        for (var i = 0; i < ids.Count; i++)
        {
            states[i].State!.Text = $"v1 {i}";
            await Grouped.WriteStateAsync("probe", ids[i], states[i]);
        }
        var stale = new GrainState<ProbeState>(new ProbeState { Text = "stale" }) { ETag = "7", RecordExists = true };

        var writes = ids.Select((id, i) =>
        {
            states[i].State!.Text = $"v2 {i}";
            return Grouped.WriteStateAsync("probe", id, states[i]);
        }).ToList();
        var staleWrite = Grouped.WriteStateAsync("probe", ids[0], stale);
        await Assert.ThrowsAsync<InconsistentStateException>(() => staleWrite);
        await Task.WhenAll(writes);

        var reads = await Task.WhenAll(ids.Select(id => Read(AdoNet, id)));
        Assert.All(reads.Select((r, i) => (r, i)), x =>
        {
            Assert.Equal($"v2 {x.i}", x.r.State!.Text);
            Assert.Equal("2", x.r.ETag);
        });
    }
}
