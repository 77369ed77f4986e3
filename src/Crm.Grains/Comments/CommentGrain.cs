using Crm.Grains.Common;
using Crm.Grains.Interfaces.Activities;
using Crm.Grains.Interfaces.Comments;
using Crm.Grains.ReadModel;
using Microsoft.Extensions.Logging;

namespace Crm.Grains.Comments;

/// <summary>The single writer of one timeline comment.</summary>
[GrainType("comment")]
public sealed class CommentGrain(
    [PersistentState("comment", StorageNames.Crm)] IPersistentState<RecordState<Comment>> state,
    IRecordReadModel<Comment> readModel,
    TimeProvider clock,
    ILogger<CommentGrain> log) : RecordGrain<Comment, RecordState<Comment>>(state, readModel, clock, log), ICommentGrain
{
    public const int MaxLength = 10_000;

    protected override string Kind => "Comment";

    public async Task<Comment> Create(RecordRef owner, string text, int actorId)
    {
        var checkedText = Check(text);
        var checkedOwner = await RecordOwners.Check(GrainFactory, Key.PortalId, owner);
        return await CommitNew(new Comment(Key.PortalId, Key.Id, checkedOwner, checkedText, default, 0, default, 0, 0), actorId);
    }

    public Task<Comment> Get() => Task.FromResult(Current);

    public async Task<Comment> Edit(string text, long? expectedVersion, int actorId)
    {
        var comment = Current;
        CheckVersion(expectedVersion);
        CheckAuthor(comment, actorId);
        return await Apply(comment, comment with { Text = Check(text) }, "edited", actorId);
    }

    public Task Delete(long? expectedVersion, int actorId)
    {
        CheckAuthor(Current, actorId);
        return DeleteCurrent(expectedVersion, actorId);
    }

    protected override Comment Stamp(Comment c, long version, DateTimeOffset at, int actorId) => version == 1
        ? c with { Version = 1, CreatedAt = at, CreatedBy = actorId, UpdatedAt = at, UpdatedBy = actorId }
        : c with { Version = version, UpdatedAt = at, UpdatedBy = actorId };

    protected override IReadOnlyList<FieldChange> Diff(Comment? before, Comment after) =>
        new TimelineText.Changes().Add("comment", before?.Text, after.Text).ToList(created: before is null);

    private static string Check(string? text)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
            throw CrmException.Invalid("comment_required", "A comment cannot be empty.", "text");
        return trimmed.Length <= MaxLength ? trimmed
            : throw CrmException.Invalid("comment_too_long", $"A comment can be at most {MaxLength} characters.", "text");
    }

    private static void CheckAuthor(Comment comment, int actorId)
    {
        if (comment.CreatedBy != actorId)
            throw CrmException.Invalid("not_the_author", "Only its author can change or delete a comment.", "id");
    }
}
