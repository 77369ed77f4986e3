using Crm.Grains.Interfaces.Common;
using Crm.Grains.Interfaces.Leads;
using Crm.Grains.Interfaces.Portals;
using Crm.Grains.Interfaces.Settings;

namespace Crm.Silo.Tests;

[Collection(ClusterCollection.Name)]
public sealed class CrmListsGrainTests(ClusterFixture fixture)
{
    private ICrmListsGrain Lists(int portalId) => fixture.Client.GetGrain<ICrmListsGrain>(portalId);

    [Fact]
    public async Task Edited_lists_survive_deactivation_and_other_lists_keep_their_defaults()
    {
        const int portal = 901; // a portal of its own: the fixture's portal keeps the default lists
        var statuses = await Lists(portal).GetLeadStatuses();
        await Lists(portal).SetLeadStatuses([statuses[0] with { Name = "Fresh" }, .. statuses.Skip(1)], fixture.UserId);
        await Lists(portal).SetIndustries([new ListItem("it", "IT"), new ListItem("OTHER", "Other")], fixture.UserId);

        await fixture.Cluster.DeactivateAsync(Lists(portal));
        await fixture.Cluster.WaitForDeactivationAsync(Lists(portal));

        Assert.Equal("Fresh", (await Lists(portal).GetLeadStatuses())[0].Name);
        Assert.Equal([new ListItem("IT", "IT"), new ListItem("OTHER", "Other")], await Lists(portal).GetIndustries());
        Assert.Equal(9, (await Lists(portal).GetLeadSources()).Count);
    }

    [Fact]
    public async Task A_source_a_live_lead_uses_cannot_be_removed_and_can_once_the_lead_is_deleted()
    {
        var portal = ClusterFixture.PortalId;
        var defaults = await Lists(portal).GetLeadSources();
        await Lists(portal).SetLeadSources([.. defaults, new ListItem("SILO_TEST", "Silo test")], fixture.UserId);
        var id = await fixture.Client.GetGrain<IRecordIdGrain>(GrainKeys.For(portal, "lead")).Next();
        var lead = fixture.Client.GetGrain<ILeadGrain>(GrainKeys.For(portal, id));
        var created = await lead.Create(new LeadFields("From the silo test", fixture.UserId, SourceId: "silo_test"), null, fixture.UserId);

        var refusal = await Assert.ThrowsAsync<CrmException>(() => Lists(portal).SetLeadSources(defaults, fixture.UserId));
        Assert.Equal("list_item_in_use", refusal.Code);
        Assert.Contains("SILO_TEST", (await Lists(portal).GetLeadSources()).Select(s => s.Id));

        await lead.Delete(created.Version, fixture.UserId);
        Assert.Equal(defaults, await Lists(portal).SetLeadSources(defaults, fixture.UserId));
    }
}
