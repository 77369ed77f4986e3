using System.Security.Claims;
using Crm.Grains.Interfaces.Activities;
using Crm.Grains.Interfaces.Comments;
using Crm.Grains.Interfaces.Portals;
using Crm.Web.Api;

namespace Crm.Web.Comments;

/// <summary>Timeline comments (<c>/api/comments</c>) on leads, deals, contacts and companies; they show in the record's history.</summary>
public static class CommentsApi
{
    public sealed record CommentBody(RecordRef? Owner, string? Text, long? Version);

    public static IEndpointRouteBuilder MapCommentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/comments").RequireAuthorization().WithTags("Comments");

        api.MapPost("/", async (ClaimsPrincipal user, CommentService comments, CommentBody body) =>
        {
            var comment = await comments.Add(RequestUser.Of(user), body.Owner ?? new RecordRef("", 0), body.Text ?? "");
            return TypedResults.Created($"/api/comments/{comment.Id}", comment);
        }).WithName("AddComment");

        api.MapPut("/{id:long}", async (ClaimsPrincipal user, CommentService comments, long id, CommentBody body) =>
            TypedResults.Ok(await comments.Edit(RequestUser.Of(user), id, body.Text ?? "", body.Version))).WithName("EditComment").WithDescription("Its author only.");

        api.MapDelete("/{id:long}", async (ClaimsPrincipal user, CommentService comments, long id, long? version) =>
        {
            await comments.Delete(RequestUser.Of(user), id, version);
            return TypedResults.NoContent();
        }).WithName("DeleteComment").WithDescription("Its author only.");

        return app;
    }

}
