using Crm.Grains.Interfaces.Common;
using Crm.Grains.Interfaces.Deals;
using Crm.Grains.Interfaces.Pipelines;
using Crm.Grains.Interfaces.Portals;

namespace Crm.Silo.Tests;

[Collection(ClusterCollection.Name)]
public sealed class DealGrainTests(ClusterFixture fixture)
{
    private IDealGrain Deal(long id) => fixture.Client.GetGrain<IDealGrain>(GrainKeys.For(ClusterFixture.PortalId, id));

    private async Task<Deal> NewDeal(string title = "Deal", decimal amount = 100m)
    {
        var id = await fixture.Client.GetGrain<IRecordIdGrain>(GrainKeys.For(ClusterFixture.PortalId, "deal")).Next();
        return await Deal(id).Create(new NewDeal(fixture.PipelineId, new DealFields(title, amount, "USD", fixture.UserId)), fixture.UserId);
    }

    private Task<Pipeline> Pipeline() =>
        fixture.Client.GetGrain<IPipelineGrain>(GrainKeys.For(ClusterFixture.PortalId, fixture.PipelineId)).Get();

    private async Task<(string Stage, long Version, bool Deleted)?> Row(long id)
    {
        await using var db = fixture.Database();
        await using var command = db.CreateCommand($"SELECT stage_id, version, is_deleted FROM deals WHERE portal_id = {ClusterFixture.PortalId} AND id = {id}");
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.GetString(0), reader.GetInt64(1), reader.GetBoolean(2)) : null;
    }

    [Fact]
    public async Task A_deal_keeps_its_state_across_deactivation_and_reactivation_on_either_silo()
    {
        var pipeline = await Pipeline();
        var deal = await NewDeal("Survives restarts", 250m);
        var moved = await Deal(deal.Id).Move(pipeline.Stages[2].Id, null, deal.Version, fixture.UserId);

        await fixture.Cluster.DeactivateAsync(Deal(deal.Id));
        await fixture.Cluster.WaitForDeactivationAsync(Deal(deal.Id));

        var reloaded = await Deal(deal.Id).Get();
        Assert.Equal(moved, reloaded);
        Assert.Equal(2, reloaded.Version);
        Assert.Equal((pipeline.Stages[2].Id, 2L, false), await Row(deal.Id));
    }

    [Fact]
    public async Task Fifty_concurrent_moves_of_one_deal_end_in_one_consistent_state_and_version()
    {
        var stages = (await Pipeline()).Stages.Where(s => !s.IsFinal).Select(s => s.Id).ToList();
        var deal = await NewDeal("Contended");
        // Every request differs from every other (distinct positions), so each one is a real change.
        var requests = Enumerable.Range(1, 50).Select(i => (Stage: stages[i % stages.Count], Position: (double)i)).ToList();
        var results = await Task.WhenAll(requests.Select(r => Deal(deal.Id).Move(r.Stage, r.Position, null, fixture.UserId)));

        Assert.Equal(Enumerable.Range(2, 50).Select(v => (long)v), results.Select(r => r.Version).Order());
        var final = await Deal(deal.Id).Get();
        var last = results.MaxBy(r => r.Version)!;
        Assert.Equal(51, final.Version);
        Assert.Equal(last, final);
        Assert.Equal((final.StageId, 51L, false), await Row(deal.Id));

        await using var db = fixture.Database();
        await using var history = db.CreateCommand($"SELECT count(*), max(version) FROM deal_history WHERE portal_id = {ClusterFixture.PortalId} AND deal_id = {deal.Id}");
        await using var reader = await history.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.InRange(reader.GetInt64(0), 2, 51); // created + every stage change (reorders leave no line)
        Assert.True(reader.GetInt64(1) <= 51);
    }

    [Fact]
    public async Task A_deleted_deal_refuses_edits_and_moves_and_leaves_a_tombstone_row()
    {
        var deal = await NewDeal("To delete");
        await Deal(deal.Id).Delete(deal.Version, fixture.UserId);

        var edit = await Assert.ThrowsAsync<CrmException>(() => Deal(deal.Id).Update(new DealFields("X", 1, "USD", fixture.UserId), null, fixture.UserId));
        Assert.Equal(CrmErrorKind.NotFound, edit.Kind);
        var otherStage = (await Pipeline()).Stages[1].Id;
        var move = await Assert.ThrowsAsync<CrmException>(() => Deal(deal.Id).Move(otherStage, null, null, fixture.UserId));
        Assert.Equal(CrmErrorKind.NotFound, move.Kind);
        Assert.Equal((deal.StageId, 2L, true), await Row(deal.Id));
    }

    [Fact]
    public async Task A_stale_version_is_a_conflict_and_changes_nothing()
    {
        var deal = await NewDeal("Versioned");
        var edited = await Deal(deal.Id).Update(new DealFields("Edited", 5, "EUR", fixture.UserId), deal.Version, fixture.UserId);

        var stale = await Assert.ThrowsAsync<CrmException>(() => Deal(deal.Id).Update(new DealFields("Overwrite", 9, "USD", fixture.UserId), deal.Version, fixture.UserId));
        Assert.Equal(CrmErrorKind.Conflict, stale.Kind);
        Assert.Equal(edited, await Deal(deal.Id).Get());
    }

    [Fact]
    public async Task A_responsible_who_is_not_a_user_of_the_portal_is_refused()
    {
        var id = await fixture.Client.GetGrain<IRecordIdGrain>(GrainKeys.For(ClusterFixture.PortalId, "deal")).Next();
        var e = await Assert.ThrowsAsync<CrmException>(() =>
            Deal(id).Create(new NewDeal(fixture.PipelineId, new DealFields("Nobody's", 1, "USD", 999_999)), fixture.UserId));
        Assert.Equal("unknown_responsible", e.Code);
        Assert.Null(await Row(id));
    }

    [Fact]
    public async Task Deleting_a_stage_with_deals_moves_every_deal_first()
    {
        var portal = fixture.Client.GetGrain<IPortalGrain>(ClusterFixture.PortalId);
        var pipeline = await portal.CreatePipeline("Stage deletion", [], fixture.UserId);
        var grain = fixture.Client.GetGrain<IPipelineGrain>(GrainKeys.For(ClusterFixture.PortalId, pipeline.Id));
        var doomed = pipeline.Stages[1].Id;
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            var id = await fixture.Client.GetGrain<IRecordIdGrain>(GrainKeys.For(ClusterFixture.PortalId, "deal")).Next();
            await Deal(id).Create(new NewDeal(pipeline.Id, new DealFields($"In doomed stage {i}", 1, "USD", fixture.UserId), doomed), fixture.UserId);
            ids.Add(id);
        }

        var refused = await Assert.ThrowsAsync<CrmException>(() => grain.DeleteStage(doomed, null, fixture.UserId));
        Assert.Equal("stage_has_deals", refused.Code);
        Assert.NotNull((await grain.Get()).FindStage(doomed));

        var after = await grain.DeleteStage(doomed, pipeline.Stages[0].Id, fixture.UserId);
        Assert.Null(after.FindStage(doomed));
        foreach (var id in ids)
        {
            Assert.Equal(pipeline.Stages[0].Id, (await Deal(id).Get()).StageId);
            Assert.Equal(pipeline.Stages[0].Id, (await Row(id))!.Value.Stage);
        }
    }

    [Fact]
    public async Task Deleting_the_last_won_or_lost_stage_is_refused()
    {
        var pipeline = await fixture.Client.GetGrain<IPortalGrain>(ClusterFixture.PortalId).CreatePipeline("Last final stages", [], fixture.UserId);
        var grain = fixture.Client.GetGrain<IPipelineGrain>(GrainKeys.For(ClusterFixture.PortalId, pipeline.Id));
        var won = pipeline.Stages.Single(s => s.Semantic == StageSemantic.Won).Id;
        Assert.Equal("last_won_stage", (await Assert.ThrowsAsync<CrmException>(() => grain.DeleteStage(won, null, fixture.UserId))).Code);
        var lost = pipeline.Stages.Where(s => s.Semantic == StageSemantic.Lost).Select(s => s.Id).ToList();
        await grain.DeleteStage(lost[0], null, fixture.UserId);
        Assert.Equal("last_lost_stage", (await Assert.ThrowsAsync<CrmException>(() => grain.DeleteStage(lost[1], null, fixture.UserId))).Code);
        Assert.Equal(pipeline.Stages.Count - 1, (await grain.Get()).Stages.Count);
    }
}
