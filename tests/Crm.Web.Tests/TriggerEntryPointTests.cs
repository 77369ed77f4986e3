using System.Net.Http.Json;
using Crm.Grains.Interfaces.Activities;
using Crm.Grains.Interfaces.Automation;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Web.Tests;

/// <summary>
/// The entry points the product's own event sources call (<see cref="TriggerEvents"/>): a deal reaching
/// a stage (called by the deal grain), chat messages and web forms. Called directly, as their callers will.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class TriggerEntryPointTests(WebFixture fixture)
{
    private IGrainFactory Grains => fixture.Host.Services.GetRequiredService<IGrainFactory>();

    [Fact]
    public async Task A_deal_reaching_a_stage_moves_the_other_open_deals_of_its_client_by_their_deal_stage_triggers()
    {
        var s = await TriggerSetup.Start(fixture);
        var won = s.Stages[5];
        var company = await s.Post("/api/companies", new { title = "Acme" });
        var contact = await s.Post("/api/contacts", new { firstName = "Petra" });
        var paid = await s.Deal(new { title = "First order", currency = "USD", companyId = company, contactIds = new[] { contact } });
        var sameCompany = await s.Deal(new { title = "Follow-up", currency = "USD", companyId = company });
        var sameContact = await s.Deal(new { title = "Service", currency = "USD", contactIds = new[] { contact } });
        var stranger = await s.Deal(new { title = "Someone else's", currency = "USD" });
        await s.SetDealTriggers(s.Stages[3], new { kind = "dealStage", name = "First order paid", pipelineId = s.Portal.PipelineId, stageId = won });
        (await s.Admin.PostAsJsonAsync($"/api/deals/{paid}/close", new { outcome = "won" })).EnsureSuccessStatusCode();

        // The deal grain announces the stage it reached: the client's other open deals move by their triggers.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (await s.DealStage(sameCompany) != s.Stages[3] || await s.DealStage(sameContact) != s.Stages[3])
        {
            Assert.True(DateTime.UtcNow < deadline, "the client's other deals did not move");
            await Task.Delay(50);
        }
        Assert.Equal(s.Stages[0], await s.DealStage(stranger));
        Assert.Contains(($"moved by trigger 'First order paid' (deal {paid} reached {won})", 0), await s.History("deal", sameCompany));

        // Called again, the entry point finds them there already.
        var report = await TriggerEvents.DealReachedStage(Grains, s.Portal.PortalId, paid, won);
        Assert.Equal([sameCompany, sameContact], report.Records.Select(r => r.RecordId).Order());
        Assert.All(report.Records, r => Assert.False(r.Moved));

        // Another stage of the same deal matches no trigger; the deals stay.
        var other = await TriggerEvents.DealReachedStage(Grains, s.Portal.PortalId, paid, s.Stages[6]);
        Assert.All(other.Records, r => Assert.False(r.Moved));
        // Another portal's id names nothing here.
        var elsewhere = await TriggerSetup.Start(fixture, "Elsewhere");
        Assert.Empty((await TriggerEvents.DealReachedStage(Grains, elsewhere.Portal.PortalId, paid, won)).Records);
    }

    [Fact]
    public async Task Chat_messages_and_web_forms_move_records_by_their_triggers_channel_and_form_deciding()
    {
        var s = await TriggerSetup.Start(fixture);
        await s.SetLeadTriggers("IN_PROCESS", new { kind = "chatMessage", channel = "site" });
        await s.SetLeadTriggers("PROCESSED", new { kind = "webForm", formId = "contact-us", name = "Asked for a call" });
        var chatting = await s.Lead(new { title = "Chatting" });
        var filling = await s.Lead(new { title = "Form", emails = new[] { new { value = "form@client.example", type = "work" } } });

        var telegram = await TriggerEvents.ChatMessage(Grains, s.Portal.PortalId, new RecordRef("lead", chatting), "telegram");
        Assert.False(Assert.Single(telegram.Records).Moved);
        var site = await TriggerEvents.ChatMessage(Grains, s.Portal.PortalId, new RecordRef("lead", chatting), "site");
        Assert.Equal(new TriggerOutcome("lead", chatting, true, "NEW", "IN_PROCESS", "t1", "Chat message"), Assert.Single(site.Records));
        Assert.Equal("IN_PROCESS", await s.LeadStatus(chatting));

        var survey = await TriggerEvents.FormFilled(Grains, s.Portal.PortalId, "survey", email: "FORM@client.example");
        Assert.False(Assert.Single(survey.Records).Moved);
        var contactUs = await TriggerEvents.FormFilled(Grains, s.Portal.PortalId, "contact-us", email: "FORM@client.example");
        Assert.Equal((filling, true), (Assert.Single(contactUs.Records).RecordId, contactUs.Records[0].Moved));
        Assert.Equal("PROCESSED", await s.LeadStatus(filling));

        var bad = await Assert.ThrowsAsync<CrmException>(() => TriggerEvents.ChatMessage(Grains, s.Portal.PortalId, new RecordRef("contact", chatting)));
        Assert.Equal("invalid_record_type", bad.Code);
        var missing = await Assert.ThrowsAsync<CrmException>(() => TriggerEvents.ChatMessage(Grains, s.Portal.PortalId, new RecordRef("lead", 987_654_321)));
        Assert.Equal("lead_not_found", missing.Code);
    }
}
