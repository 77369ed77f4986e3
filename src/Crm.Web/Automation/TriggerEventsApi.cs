using System.Security.Claims;
using Crm.Grains.Interfaces.Activities;
using Crm.Grains.Interfaces.Automation;
using Crm.Web.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Web.Automation;

/// <summary>
/// The gateways' side of triggers (<c>/api/triggers/…</c>): an inbound e-mail gateway, a telephony
/// gateway and generic webhooks, each signed in with an API token of the portal (a cookie works
/// too). The token's user needs the right to change leads or deals; records that user may not see
/// are left out, and only those they may change move. Bad bodies are refused before anything moves.
/// </summary>
public static class TriggerEventsApi
{
    public sealed record EmailBody(string? From, string? Subject);

    public sealed record CallBody(string? Phone);

    public sealed record WebhookBody(string? Code, string? RecordType, long? RecordId);

    public static IEndpointRouteBuilder MapTriggerEventsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/triggers").RequireAuthorization().WithTags("Triggers");

        api.MapPost("/email", (ClaimsPrincipal user, IGrainFactory grains, EmailBody? body) =>
        {
            var mail = Body(body);
            return Dispatch(grains, user, new CustomerEvent(TriggerKind.IncomingEmail, Email: mail.From, Note: mail.Subject));
        })
            .WithName("TriggerIncomingEmail")
            .WithDescription("An e-mail arrived {from, subject?}: the open leads with that address and the open deals whose contact or company has it move by their IncomingEmail triggers.");

        api.MapPost("/call", (ClaimsPrincipal user, IGrainFactory grains, CallBody? body) =>
            Dispatch(grains, user, new CustomerEvent(TriggerKind.IncomingCall, Phone: Body(body).Phone)))
            .WithName("TriggerIncomingCall")
            .WithDescription("A call came in {phone}: records of the client with that number (compared on its last 8 digits) move by their IncomingCall triggers.");

        api.MapPost("/webhook", (ClaimsPrincipal user, IGrainFactory grains, WebhookBody? body) =>
        {
            var hook = Body(body);
            return Dispatch(grains, user, new CustomerEvent(TriggerKind.Webhook, Record(hook.RecordType, hook.RecordId), Code: hook.Code));
        })
            .WithName("TriggerWebhook")
            .WithDescription("{code, recordType: lead|deal, recordId}: the record moves by its board's webhook trigger with that code. An unknown record answers 404.");

        return app;
    }

    /// <summary>The record a body names; null when it names none, so the event's own check says what is missing.</summary>
    public static RecordRef? Record(string? recordType, long? recordId) =>
        recordType is null && recordId is null ? null : new RecordRef(recordType ?? "", recordId ?? 0);

    private static T Body<T>(T? body) where T : class =>
        body ?? throw CrmException.Invalid("body_required", "The request needs a JSON body.");

    private static async Task<Ok<TriggerAnswer>> Dispatch(IGrainFactory grains, ClaimsPrincipal user, CustomerEvent customerEvent)
    {
        var me = RequestUser.Of(user);
        return TypedResults.Ok(TriggerAnswer.Of(await grains.GetGrain<ITriggerDispatchGrain>(me.PortalId).Dispatch(customerEvent, me.UserId)));
    }
}
