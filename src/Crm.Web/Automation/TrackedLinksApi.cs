using System.Security.Claims;
using Crm.Grains.Automation.Triggers;
using Crm.Grains.Interfaces.Automation;
using Crm.Web.Api;

namespace Crm.Web.Automation;

/// <summary>
/// Tracked links: <c>POST /api/tracked-links</c> makes one for a lead or deal the user may see;
/// anyone opening <c>/l/{token}</c> is sent on to the target and the record's LinkClicked triggers
/// fire. A token that is not ours answers 404 and sends nobody anywhere.
/// </summary>
public static class TrackedLinksApi
{
    public sealed record LinkBody(string? RecordType, long? RecordId, string? Url);

    /// <summary>The link: <see cref="Path"/> on this site, <see cref="Link"/> with the address the request came to.</summary>
    public sealed record CreatedLink(string Path, string Link, string Target);

    public static IEndpointRouteBuilder MapTrackedLinksApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/tracked-links", async (HttpRequest request, ClaimsPrincipal user, RecordServices services, TrackedLinks links, LinkBody? body) =>
        {
            var given = body ?? throw CrmException.Invalid("body_required", "Send {recordType, recordId, url}.");
            var record = CustomerEventRules.Record(TriggerEventsApi.Record(given.RecordType, given.RecordId)
                ?? throw CrmException.Invalid("record_required", "The link must name its record (recordType and recordId).", "recordId"));
            var target = TrackedLinks.Target(given.Url);
            var me = RequestUser.Of(user);
            // Only for a record the user may see: the link is sent to that record's client.
            if (record.Kind == "deal") await services.Deals.Get(me, record.Id);
            else await services.Leads.Get(me, record.Id);
            var path = TrackedLinks.PathPrefix + links.Protect(new TrackedLink(me.PortalId, record, target));
            return TypedResults.Created(path, new CreatedLink(path, $"{request.Scheme}://{request.Host}{request.PathBase}{path}", target));
        }).RequireAuthorization().WithTags("Triggers").WithName("CreateTrackedLink")
            .WithDescription("{recordType: lead|deal, recordId, url}: a link /l/{token} that leads to url and fires the record's LinkClicked triggers when opened.");

        app.MapGet(TrackedLinks.PathPrefix + "{token}", async (string token, TrackedLinks links, IGrainFactory grains, ILogger<TrackedLinks> logger) =>
        {
            if (links.Unprotect(token) is not { } link) return Results.NotFound();
            try
            {
                await grains.GetGrain<ITriggerDispatchGrain>(link.PortalId).Dispatch(new CustomerEvent(TriggerKind.LinkClicked, link.Record, Note: new Uri(link.Url).Host), null);
            }
            catch (Exception e)
            {
                // The client still gets where the link promised (say the record was deleted since); the failure is ours to see.
                logger.LogWarning(e, "A tracked link of portal {PortalId} for {Kind} {Id} fired no trigger", link.PortalId, link.Record.Kind, link.Record.Id);
            }
            return Results.Redirect(link.Url);
        }).AllowAnonymous().WithTags("Triggers").WithName("OpenTrackedLink").ExcludeFromDescription();

        return app;
    }
}
