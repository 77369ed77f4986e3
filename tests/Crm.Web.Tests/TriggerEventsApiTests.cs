using System.Net;
using System.Net.Http.Json;
using System.Text;
using static Crm.Web.Tests.ApiAssert;

namespace Crm.Web.Tests;

/// <summary>The gateways' trigger endpoints (<c>/api/triggers/email|call|webhook</c>) called with API tokens, as an e-mail or telephony gateway would.</summary>
[Collection(WebCollection.Name)]
public sealed class TriggerEventsApiTests(WebFixture fixture)
{
    private static object Email(string address) => new[] { new { value = address, type = "work" } };

    [Fact]
    public async Task An_email_from_a_leads_address_moves_the_lead_forward_and_the_timeline_says_which_trigger()
    {
        var s = await TriggerSetup.Start(fixture);
        await s.SetLeadTriggers("PROCESSED", new { kind = "incomingEmail", name = "Client replied" });
        var lead = await s.Lead(new { title = "Ann", emails = Email("Ann@Client.example") });
        var stranger = await s.Lead(new { title = "Someone else", emails = Email("other@client.example") });

        var (moved, notMoved) = await TriggerSetup.Answer(await s.Gateway.PostAsJsonAsync("/api/triggers/email", new { from = "Ann Lee <ANN@client.example>", subject = "Re: offer" }));

        Assert.Equal([new Outcome("lead", lead, "NEW", "PROCESSED", "Client replied", null)], moved);
        Assert.Empty(notMoved);
        Assert.Equal("PROCESSED", await s.LeadStatus(lead));
        Assert.Equal("NEW", await s.LeadStatus(stranger));
        Assert.Contains(("moved by trigger 'Client replied' (e-mail from ann@client.example: Re: offer)", 0), await s.History("lead", lead));
    }

    [Fact]
    public async Task A_call_moves_the_open_deals_of_the_callers_contact_and_company_forward_only_unless_the_trigger_allows_going_back()
    {
        var s = await TriggerSetup.Start(fixture);
        var (first, executing) = (s.Stages[0], s.Stages[3]);
        var contact = await s.Post("/api/contacts", new { firstName = "Petra", phones = new[] { new { value = "+386 1 234 5678", type = "work" } } });
        var company = await s.Post("/api/companies", new { title = "Acme", phones = new[] { new { value = "+386 1 234 5678", type = "work" } } });
        var ofContact = await s.Deal(new { title = "Late deal", currency = "USD", stageId = executing, contactIds = new[] { contact } });
        var ofCompany = await s.Deal(new { title = "Early deal", currency = "USD", stageId = s.Stages[1], companyId = company });
        await s.SetDealTriggers(first, new { kind = "incomingCall", name = "Called" });

        // The national form of the number: matched on its last digits.
        var (moved, notMoved) = await TriggerSetup.Answer(await s.Gateway.PostAsJsonAsync("/api/triggers/call", new { phone = "01 234 5678" }));
        Assert.Empty(moved);
        Assert.Equal(
        [
            new Outcome("deal", ofContact, executing, first, "Called", "the trigger only moves records forward"),
            new Outcome("deal", ofCompany, s.Stages[1], first, "Called", "the trigger only moves records forward"),
        ], notMoved.OrderBy(o => o.Id == ofCompany));
        Assert.Equal(executing, await s.DealStage(ofContact));

        await s.SetDealTriggers(first, new { kind = "incomingCall", name = "Called", allowBack = true });
        (moved, notMoved) = await TriggerSetup.Answer(await s.Gateway.PostAsJsonAsync("/api/triggers/call", new { phone = "+386 1 234 5678" }));
        Assert.Equal([ofContact, ofCompany], moved.Select(o => o.Id).Order());
        Assert.Empty(notMoved);
        Assert.Equal(first, await s.DealStage(ofContact));
        Assert.Equal(first, await s.DealStage(ofCompany));
    }

    [Fact]
    public async Task A_webhook_with_its_code_moves_the_deal_to_the_furthest_matching_stage_and_a_closed_deal_stays()
    {
        var s = await TriggerSetup.Start(fixture);
        await s.SetDealTriggers(s.Stages[2], new { kind = "webhook", code = "paid" }, new { kind = "incomingEmail" });
        await s.SetDealTriggers(s.Stages[4], new { kind = "incomingEmail" });
        var open = await s.Deal(new { title = "Open", currency = "USD" });
        var closed = await s.Deal(new { title = "Closed", currency = "USD" });
        (await s.Admin.PostAsJsonAsync($"/api/deals/{closed}/close", new { outcome = "lost" })).EnsureSuccessStatusCode();
        var lost = await s.DealStage(closed);

        var (moved, _) = await TriggerSetup.Answer(await s.Gateway.PostAsJsonAsync("/api/triggers/webhook", new { code = "PAID", recordType = "deal", recordId = open }));
        Assert.Equal([new Outcome("deal", open, s.Stages[0], s.Stages[2], "Webhook", null)], moved);
        Assert.Equal(s.Stages[2], await s.DealStage(open));

        var (none, notMoved) = await TriggerSetup.Answer(await s.Gateway.PostAsJsonAsync("/api/triggers/webhook", new { code = "paid", recordType = "deal", recordId = closed }));
        Assert.Empty(none);
        Assert.Equal("the deal is closed", Assert.Single(notMoved).Reason);
        Assert.Equal(lost, await s.DealStage(closed));

        (none, notMoved) = await TriggerSetup.Answer(await s.Gateway.PostAsJsonAsync("/api/triggers/webhook", new { code = "refunded", recordType = "deal", recordId = open }));
        Assert.Equal("no trigger on the record's board waits for this event", Assert.Single(notMoved).Reason);
        Assert.Equal(s.Stages[2], await s.DealStage(open));
    }

    [Fact]
    public async Task A_record_of_another_portal_answers_404_and_nothing_of_it_moves()
    {
        var victim = await TriggerSetup.Start(fixture, "Victim portal");
        await victim.SetDealTriggers(victim.Stages[2], new { kind = "webhook", code = "paid" });
        await victim.SetLeadTriggers("PROCESSED", new { kind = "incomingEmail" });
        var deal = await victim.Deal(new { title = "Victim deal", currency = "USD" });
        var lead = await victim.Lead(new { title = "Victim lead", emails = Email("victim@client.example") });
        var attacker = await TriggerSetup.Start(fixture, "Attacker portal");
        await attacker.SetDealTriggers(attacker.Stages[2], new { kind = "webhook", code = "paid" });

        var foreign = await attacker.Gateway.PostAsJsonAsync("/api/triggers/webhook", new { code = "paid", recordType = "deal", recordId = deal });
        var missing = await attacker.Gateway.PostAsJsonAsync("/api/triggers/webhook", new { code = "paid", recordType = "deal", recordId = 987_654_321 });
        Assert.Equal(await Problem(missing, HttpStatusCode.NotFound, "deal_not_found"), (await Problem(foreign, HttpStatusCode.NotFound, "deal_not_found")).Replace(deal.ToString(), "987654321"));
        await ProblemOf(await attacker.Gateway.PostAsJsonAsync("/api/triggers/webhook", new { code = "paid", recordType = "lead", recordId = lead }), HttpStatusCode.NotFound, "lead_not_found");
        var (moved, notMoved) = await TriggerSetup.Answer(await attacker.Gateway.PostAsJsonAsync("/api/triggers/email", new { from = "victim@client.example" }));
        Assert.Empty(moved);
        Assert.Empty(notMoved);

        Assert.Equal(victim.Stages[0], await victim.DealStage(deal));
        Assert.Equal("NEW", await victim.LeadStatus(lead));
        Assert.DoesNotContain(await victim.History("deal", deal), h => h.Action.Contains("trigger"));
    }

    [Fact]
    public async Task Without_a_valid_token_the_endpoints_answer_401_and_nothing_moves()
    {
        var s = await TriggerSetup.Start(fixture);
        await s.SetLeadTriggers("PROCESSED", new { kind = "incomingEmail" });
        var lead = await s.Lead(new { title = "Ann", emails = Email("nobody-moves@client.example") });
        using var anonymous = new HttpClient { BaseAddress = fixture.Host.BaseAddress };
        using var garbage = new HttpClient { BaseAddress = fixture.Host.BaseAddress };
        garbage.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Bearer crm_notatokenXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX");

        foreach (var client in new[] { anonymous, garbage })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/triggers/email", new { from = "nobody-moves@client.example" })).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/triggers/webhook", new { code = "x", recordType = "lead", recordId = lead })).StatusCode);
        }
        Assert.Equal("NEW", await s.LeadStatus(lead));
    }

    [Fact]
    public async Task Bad_bodies_get_a_problem_naming_the_field_and_nothing_moves()
    {
        var s = await TriggerSetup.Start(fixture);
        await s.SetLeadTriggers("PROCESSED", new { kind = "incomingEmail" }, new { kind = "incomingCall" }, new { kind = "webhook", code = "go" });
        var lead = await s.Lead(new { title = "Ann", emails = Email("bad-input@client.example"), phones = new[] { new { value = "+1 555 0100 77", type = "work" } } });

        async Task Refused(string path, object? body, string code, string? field)
        {
            var response = body is string raw
                ? await s.Gateway.PostAsync(path, new StringContent(raw, Encoding.UTF8, "application/json"))
                : await s.Gateway.PostAsJsonAsync(path, body);
            var problem = await ProblemOf(response, HttpStatusCode.BadRequest, code);
            Assert.Equal(field, problem.TryGetProperty("field", out var f) ? f.GetString() : null);
        }

        await Refused("/api/triggers/email", new { subject = "no sender" }, "email_required", "from");
        await Refused("/api/triggers/email", new { from = "bad-input at client.example" }, "invalid_email", "from");
        await Refused("/api/triggers/email", "{not json", "invalid_json", null);
        await Refused("/api/triggers/email", "null", "body_required", null);
        await Refused("/api/triggers/call", new { phone = "12" }, "invalid_phone", "phone");
        await Refused("/api/triggers/webhook", new { recordType = "lead", recordId = lead }, "code_required", "code");
        await Refused("/api/triggers/webhook", new { code = "go!", recordType = "lead", recordId = lead }, "code_invalid", "code");
        await Refused("/api/triggers/webhook", new { code = "go", recordType = "contact", recordId = lead }, "invalid_record_type", "recordType");
        await Refused("/api/triggers/webhook", new { code = "go", recordType = "lead", recordId = -1 }, "invalid_record_id", "recordId");
        await Refused("/api/triggers/webhook", new { code = "go" }, "record_required", "recordId");
        await Refused("/api/triggers/webhook", new { code = "go", recordType = "lead", recordId = "seven" }, "invalid_json", "recordId");

        Assert.Equal("NEW", await s.LeadStatus(lead));
        Assert.DoesNotContain(await s.History("lead", lead), h => h.Action.Contains("trigger"));
    }

    [Fact]
    public async Task A_tokens_user_moves_only_records_their_role_lets_them_change()
    {
        var s = await TriggerSetup.Start(fixture);
        await s.SetLeadTriggers("PROCESSED", new { kind = "incomingEmail" });
        var bob = (await fixture.Host.SignIn(s.Portal.SecondEmail)).Http;
        var bobs = await s.Lead(new { title = "Bob's", responsibleId = s.Portal.SecondId, emails = Email("shared@client.example") });
        var admins = await s.Lead(new { title = "Admin's", emails = Email("shared@client.example") });
        var ownLeads = await AccessSetup.OnlyRole(s.Admin, s.Portal.SecondId, "Own leads",
            new { entity = "lead", action = "read", scope = "all" }, new { entity = "lead", action = "edit", scope = "own" });
        var gateway = await TriggerSetup.TokenClient(fixture, bob, "Bob's gateway");

        var (moved, notMoved) = await TriggerSetup.Answer(await gateway.PostAsJsonAsync("/api/triggers/email", new { from = "shared@client.example" }));

        Assert.Equal([bobs], moved.Select(o => o.Id));
        Assert.Equal(admins, Assert.Single(notMoved).Id);
        Assert.Contains("your role does not allow", notMoved[0].Reason);
        Assert.Equal("NEW", await s.LeadStatus(admins));

        await AccessSetup.OnlyRole(s.Admin, s.Portal.SecondId, "Readers", new { entity = "lead", action = "read", scope = "all" });
        (await s.Admin.PutAsJsonAsync($"/api/access/roles/{ownLeads}/assignees", Array.Empty<object>())).EnsureSuccessStatusCode();
        await ProblemOf(await gateway.PostAsJsonAsync("/api/triggers/email", new { from = "shared@client.example" }), HttpStatusCode.Forbidden, "access_denied");
        Assert.Equal("NEW", await s.LeadStatus(admins));
    }
}
