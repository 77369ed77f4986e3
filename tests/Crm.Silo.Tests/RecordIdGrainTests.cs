using Crm.Grains.Interfaces.Portals;

namespace Crm.Silo.Tests;

[Collection(ClusterCollection.Name)]
public sealed class RecordIdGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Reserved_blocks_and_single_ids_never_overlap_and_keep_increasing()
    {
        var ids = fixture.Client.GetGrain<IRecordIdGrain>(GrainKeys.For(ClusterFixture.PortalId, $"test-{Guid.NewGuid():N}"));
        var first = await ids.Next();
        var block = await ids.Reserve(250); // larger than the grain's own storage block
        var after = await ids.Next();
        var small = await ids.Reserve(3);
        Assert.Equal([first + 1, first + 251, first + 252], [block, after, small]);
        Assert.Equal(first + 255, await ids.Next());

        var bad = await Assert.ThrowsAsync<CrmException>(() => ids.Reserve(0));
        Assert.Equal("invalid_count", bad.Code);
    }
}
