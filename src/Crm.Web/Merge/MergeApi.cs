using System.Security.Claims;
using Crm.Grains.Interfaces.Activities;
using Crm.Web.Api;

namespace Crm.Web.Merge;

/// <summary><c>POST /api/merge</c>: two duplicates of one type become one.</summary>
public static class MergeApi
{
    public sealed record MergeBody(RecordRef? Keep, RecordRef? Merge);

    public static IEndpointRouteBuilder MapMergeApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/merge", async (ClaimsPrincipal user, RecordMerger merger, MergeBody body) =>
                TypedResults.Ok(await merger.Merge(RequestUser.Of(user),
                    body.Keep ?? throw CrmException.Invalid("keep_required", "Name the record to keep: {kind, id}.", "keep"),
                    body.Merge ?? throw CrmException.Invalid("merge_required", "Name the duplicate to merge into it: {kind, id}.", "merge"))))
            .RequireAuthorization().WithTags("Duplicates").WithName("MergeRecords")
            .WithDescription("Merges the duplicate 'merge' into 'keep' (lead, contact or company): kept values win, empty ones are filled, phones, e-mails and links are united, both timelines stay, the duplicate is deleted. Answers the kept record.");
        return app;
    }
}
