using System.Security.Claims;
using Crm.Grains.Interfaces.Stream;
using Crm.Web.Access;
using Crm.Web.Api;
using Microsoft.Net.Http.Headers;

namespace Crm.Web.ActivityStream;

/// <summary>
/// The activity stream (<c>/api/stream</c>): posts with polls, files, comments and reactions; each
/// answer is the post as the caller sees it. Live changes arrive on the hub after <c>SubscribeStream</c>.
/// </summary>
public static class StreamApi
{
    public sealed record EditBody(string? Text, long? Version);
    public sealed record PinBody(bool Pinned);
    public sealed record CommentBody(string? Text, long? ParentId);
    public sealed record ReactionBody(string? Reaction, long? CommentId);
    public sealed record VoteBody(IReadOnlyList<int>? Options);
    public sealed record SeenBody(long PostId);

    public static IServiceCollection AddStream(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<StreamOptions>(configuration.GetSection(StreamOptions.Section));
        services.AddSingleton<StreamQueries>();
        services.AddSingleton<StreamFiles>();
        services.AddSingleton<StreamService>();
        services.AddSingleton<UnattachedFileSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<UnattachedFileSweeper>());
        return services;
    }

    public static IEndpointRouteBuilder MapStreamApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/stream").RequireAuthorization().WithTags("Activity stream");

        api.MapGet("", async (ClaimsPrincipal user, StreamService stream, long? before, int? limit) =>
            TypedResults.Ok(await stream.Page(RequestUser.Of(user), before, limit)))
            .WithName("ListStream").WithDescription("{pinned (first page only), items (newest first; limit 20, up to 100), nextBefore, unread}; ?before=nextBefore for older posts.");

        api.MapPost("", async (ClaimsPrincipal user, StreamService stream, PostBody? body) =>
        {
            var post = await stream.Create(RequestUser.Of(user), body);
            return TypedResults.Created($"/api/stream/{post.Id}", post);
        }).WithName("CreatePost").WithDescription("{text (HTML, sanitised), audience {everyone, departmentIds, userIds}, poll?, fileIds?}.");

        api.MapGet("/{postId:long}", async (ClaimsPrincipal user, StreamService stream, long postId) =>
            TypedResults.Ok(await stream.Get(RequestUser.Of(user), postId))).WithName("GetPost");

        api.MapPut("/{postId:long}", async (ClaimsPrincipal user, StreamService stream, long postId, EditBody? body) =>
            TypedResults.Ok(await stream.Edit(RequestUser.Of(user), postId, body?.Text, body?.Version)))
            .WithName("EditPost").WithDescription("The author rewrites the text: {text, version?}.");

        api.MapDelete("/{postId:long}", async (ClaimsPrincipal user, StreamService stream, long postId) =>
        {
            await stream.Delete(RequestUser.Of(user), postId);
            return TypedResults.NoContent();
        }).WithName("DeletePost");

        api.MapPost("/{postId:long}/pin", async (ClaimsPrincipal user, StreamService stream, long postId, PinBody? body) =>
            TypedResults.Ok(await stream.Pin(RequestUser.Of(user), postId, body?.Pinned ?? true)))
            .WithName("PinPost").WithDescription("{pinned}: keeps the post at the top of the caller's own stream.");

        api.MapPost("/{postId:long}/comments", async (ClaimsPrincipal user, StreamService stream, long postId, CommentBody? body) =>
            TypedResults.Ok(await stream.Comment(RequestUser.Of(user), postId, body?.Text, body?.ParentId)))
            .WithName("CommentPost").WithDescription("{text, parentId?}: a comment, or a reply to one.");

        api.MapPut("/{postId:long}/comments/{commentId:long}", async (ClaimsPrincipal user, StreamService stream, long postId, long commentId, EditBody? body) =>
            TypedResults.Ok(await stream.EditComment(RequestUser.Of(user), postId, commentId, body?.Text)))
            .WithName("EditPostComment");

        api.MapDelete("/{postId:long}/comments/{commentId:long}", async (ClaimsPrincipal user, StreamService stream, long postId, long commentId) =>
            TypedResults.Ok(await stream.DeleteComment(RequestUser.Of(user), postId, commentId)))
            .WithName("DeletePostComment");

        api.MapPost("/{postId:long}/reactions", async (ClaimsPrincipal user, StreamService stream, long postId, ReactionBody? body) =>
            TypedResults.Ok(await stream.React(RequestUser.Of(user), postId, body?.CommentId, body?.Reaction)))
            .WithName("ReactToPost").WithDescription($"{{reaction: {string.Join("|", Grains.Stream.PostRules.Reactions)} or null to take it back, commentId?}}.");

        api.MapPost("/{postId:long}/votes", async (ClaimsPrincipal user, StreamService stream, long postId, VoteBody? body) =>
            TypedResults.Ok(await stream.Vote(RequestUser.Of(user), postId, body?.Options)))
            .WithName("VoteInPoll").WithDescription("{options: [index, ...]}: the caller's vote, replacing an earlier one while the poll is open.");

        api.MapPost("/{postId:long}/poll/close", async (ClaimsPrincipal user, StreamService stream, long postId) =>
            TypedResults.Ok(await stream.ClosePoll(RequestUser.Of(user), postId)))
            .WithName("ClosePoll");

        api.MapGet("/unread", async (ClaimsPrincipal user, StreamService stream) =>
            TypedResults.Ok(new { unread = await stream.Unread(RequestUser.Of(user)) }))
            .WithName("StreamUnread").WithDescription($"How many posts reached the caller since the last one seen (at most {StreamQueries.MaxUnread}).");

        api.MapPost("/seen", async (ClaimsPrincipal user, StreamService stream, SeenBody? body) =>
        {
            if (body is not { PostId: > 0 }) throw CrmException.Invalid("post_required", "Name the newest post seen: {postId}.", "postId");
            await stream.MarkSeen(RequestUser.Of(user), body.PostId);
            return TypedResults.NoContent();
        }).WithName("MarkStreamSeen");

        api.MapPost("/files", async (ClaimsPrincipal user, StreamFiles files, HttpRequest request) =>
        {
            if (!request.HasFormContentType)
                throw CrmException.Invalid("file_required", "Send the file as multipart form data, in a part named 'file'.", "file");
            var form = await request.ReadFormAsync();
            return TypedResults.Ok(await files.Upload(RequestUser.Of(user), form.Files.GetFile("file")));
        }).DisableAntiforgery().WithName("UploadStreamFile")
            .WithDescription("Uploads one file (multipart part 'file') for a post to come; answers {id, name, contentType, size}.");

        api.MapGet("/files/{fileId:long}", async (ClaimsPrincipal user, StreamService stream, HttpContext http, long fileId) =>
        {
            var stored = await stream.File(RequestUser.Of(user), fileId);
            // Served as what the upload proved it to be, never guessed by the browser; only images show inline.
            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
            var inline = stored.File.ContentType.StartsWith("image/", StringComparison.Ordinal);
            var disposition = new ContentDispositionHeaderValue(inline ? "inline" : "attachment");
            disposition.SetHttpFileName(stored.File.Name);
            http.Response.Headers.ContentDisposition = disposition.ToString();
            return Results.Bytes(stored.Data, stored.File.ContentType);
        }).WithName("GetStreamFile");

        api.MapGet("/settings", async (ClaimsPrincipal user, IGrainFactory grains, StreamService stream) =>
        {
            await stream.Viewer(RequestUser.Of(user));
            return TypedResults.Ok(await grains.GetGrain<IStreamSettingsGrain>(RequestUser.Of(user).PortalId).Get());
        }).WithName("GetStreamSettings");

        api.MapPut("/settings", async (ClaimsPrincipal user, IGrainFactory grains, UserAccess access, StreamSettings? body) =>
        {
            var caller = RequestUser.Of(user);
            await access.RequireSettings(caller);
            return TypedResults.Ok(await grains.GetGrain<IStreamSettingsGrain>(caller.PortalId).Set(body!, caller.UserId));
        }).WithName("SetStreamSettings").WithDescription("{largeDealAmount}: deals created with at least this amount are told in the stream (null: none). Needs the settings right.");
        return app;
    }
}
