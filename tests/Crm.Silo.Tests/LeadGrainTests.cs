using System.Text.Json;
using Crm.Grains.Interfaces.Common;
using Crm.Grains.Interfaces.Leads;
using Crm.Grains.Interfaces.Portals;

namespace Crm.Silo.Tests;

[Collection(ClusterCollection.Name)]
public sealed class LeadGrainTests(ClusterFixture fixture)
{
    private ILeadGrain Lead(long id) => fixture.Client.GetGrain<ILeadGrain>(GrainKeys.For(ClusterFixture.PortalId, id));

    private async Task<Lead> NewLead(LeadFields fields)
    {
        var id = await fixture.Client.GetGrain<IRecordIdGrain>(GrainKeys.For(ClusterFixture.PortalId, "lead")).Next();
        return await Lead(id).Create(fields, null, fixture.UserId);
    }

    private async Task<(string Status, long Version, string[] Phones)?> Row(long id)
    {
        await using var db = fixture.Database();
        await using var command = db.CreateCommand($"SELECT status_id, version, phone_digits FROM leads WHERE portal_id = {ClusterFixture.PortalId} AND id = {id}");
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.GetString(0), reader.GetInt64(1), reader.GetFieldValue<string[]>(2)) : null;
    }

    [Fact]
    public async Task A_lead_keeps_its_state_across_deactivation_and_its_row_carries_normalised_phones()
    {
        var lead = await NewLead(new LeadFields("Call back", fixture.UserId, Phones: [new("+1 (555) 010-0100", ContactPointType.Mobile)]));
        var junked = await Lead(lead.Id).SetStatus("JUNK", lead.Version, fixture.UserId);

        await fixture.Cluster.DeactivateAsync(Lead(lead.Id));
        await fixture.Cluster.WaitForDeactivationAsync(Lead(lead.Id));

        // Records holding lists compare by reference: compare what they say.
        Assert.Equal(JsonSerializer.Serialize(junked), JsonSerializer.Serialize(await Lead(lead.Id).Get()));
        var row = (await Row(lead.Id))!.Value;
        Assert.Equal(("JUNK", 2L), (row.Status, row.Version));
        Assert.Equal(["50100100"], row.Phones);
    }

    [Fact]
    public async Task A_lead_whose_row_fell_behind_reprojects_it_when_it_wakes_up()
    {
        var lead = await NewLead(new LeadFields("Lost row", fixture.UserId));
        await Lead(lead.Id).Update(lead.Fields with { CompanyName = "Recovered Ltd" }, 1, fixture.UserId);
        await using (var db = fixture.Database())
        await using (var command = db.CreateCommand($"UPDATE leads SET version = 1, company_name = '' WHERE portal_id = {ClusterFixture.PortalId} AND id = {lead.Id}"))
            await command.ExecuteNonQueryAsync(); // as if the projection of version 2 had been lost in a crash

        await fixture.Cluster.DeactivateAsync(Lead(lead.Id));
        await fixture.Cluster.WaitForDeactivationAsync(Lead(lead.Id));
        await Lead(lead.Id).Get();

        Assert.Equal(2L, (await Row(lead.Id))!.Value.Version);
    }

    [Fact]
    public async Task A_conversion_that_fails_half_way_deletes_what_it_had_created_and_leaves_the_lead_as_it_was()
    {
        var lead = await NewLead(new LeadFields("", fixture.UserId, FirstName: "Half", LastName: "Way", CompanyName: "Halfway Ltd"));
        // Make the third step fail for certain: the next deal id is taken before the conversion asks for it.
        var ids = fixture.Client.GetGrain<IRecordIdGrain>(GrainKeys.For(ClusterFixture.PortalId, "deal"));
        var taken = await ids.Next() + 1;
        await fixture.Client.GetGrain<Crm.Grains.Interfaces.Deals.IDealGrain>(GrainKeys.For(ClusterFixture.PortalId, taken))
            .Create(new Crm.Grains.Interfaces.Deals.NewDeal(fixture.PipelineId, new Crm.Grains.Interfaces.Deals.DealFields("In the way", 1, "USD", fixture.UserId)), fixture.UserId);

        var failure = await Assert.ThrowsAsync<CrmException>(() => Lead(lead.Id).Convert(new LeadConversionRequest(true, true, true), 1, fixture.UserId));
        Assert.Equal("deal_exists", failure.Code);

        // The company and contact it had created are gone again; the lead is untouched.
        await using (var db = fixture.Database())
        await using (var command = db.CreateCommand($"""
            SELECT (SELECT count(*) FROM companies WHERE portal_id = {ClusterFixture.PortalId} AND title = 'Halfway Ltd' AND NOT is_deleted),
                   (SELECT count(*) FROM contacts WHERE portal_id = {ClusterFixture.PortalId} AND last_name = 'Way' AND NOT is_deleted),
                   (SELECT count(*) FROM companies WHERE portal_id = {ClusterFixture.PortalId} AND title = 'Halfway Ltd' AND is_deleted)
            """))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            Assert.Equal((0L, 0L, 1L), (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)));
        }
        var after = await Lead(lead.Id).Get();
        Assert.Equal(("NEW", 1L, (LeadConversion?)null), (after.StatusId, after.Version, after.Conversion));

        // Nothing is left half-way: converting again works.
        var converted = await Lead(lead.Id).Convert(new LeadConversionRequest(true, true, true), 1, fixture.UserId);
        Assert.Equal("CONVERTED", converted.StatusId);
    }
}
