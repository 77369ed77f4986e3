using Crm.Grains.Interfaces.Activities;

namespace Crm.Grains.Interfaces.Stream;

/// <summary>Who a post is for: everyone in the portal, or the members of some departments (and those below them) and some users.</summary>
[GenerateSerializer, Immutable, Alias("crm.post-audience")]
public sealed record PostAudience(
    [property: Id(0)] bool Everyone,
    [property: Id(1)] IReadOnlyList<int>? DepartmentIds = null,
    [property: Id(2)] IReadOnlyList<int>? UserIds = null);

/// <summary>A file attached to a post: its bytes are stored apart (table stream_files), the post holds what it shows.</summary>
[GenerateSerializer, Immutable, Alias("crm.post-file")]
public sealed record PostFile(
    [property: Id(0)] long Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string ContentType,
    [property: Id(3)] long Size);

/// <summary>
/// A post as its author writes it: rich text (HTML, sanitised on the way in; a mention is
/// <c>&lt;a data-mention="user:12"&gt;</c> or <c>"department:3"</c>), its audience, a poll and files.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.new-post")]
public sealed record NewPost(
    [property: Id(0)] string Text,
    [property: Id(1)] PostAudience Audience,
    [property: Id(2)] NewPoll? Poll = null,
    [property: Id(3)] IReadOnlyList<PostFile>? Files = null);

/// <summary>
/// A CRM event told in the stream (a deal won or lost, a large deal, a lead converted, a robot's
/// notification): about a record, seen by those allowed to see that record (or, for a robot's
/// notification, by the users it names).
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.stream-event")]
public sealed record StreamEvent(
    [property: Id(0)] string Kind,
    [property: Id(1)] RecordRef Record,
    [property: Id(2)] string Text,
    /// <summary>Where the record stood, so a live view can tell who may see it without a query.</summary>
    [property: Id(3)] int ResponsibleId,
    [property: Id(4)] long? PipelineId,
    [property: Id(5)] string? StageId,
    /// <summary>Only these users see it (a robot's notification); null: whoever may see the record.</summary>
    [property: Id(6)] IReadOnlyList<int>? UserIds = null);

/// <summary>One comment under a post; a reply names the comment it answers (one level deep).</summary>
[GenerateSerializer, Immutable, Alias("crm.post-comment")]
public sealed record PostComment(
    [property: Id(0)] long Id,
    [property: Id(1)] long? ParentId,
    [property: Id(2)] int AuthorId,
    [property: Id(3)] string Text,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] DateTimeOffset? EditedAt,
    /// <summary>The users behind each reaction ("like", "laugh", …).</summary>
    [property: Id(6)] IReadOnlyDictionary<string, IReadOnlyList<int>> Reactions,
    /// <summary>A deleted comment that has replies stays as a gap in the thread.</summary>
    [property: Id(7)] bool Deleted = false);

/// <summary>
/// Everything a post is, as its grain holds it, the read model stores it and the live path carries it;
/// never sent to a client as it is (votes of an anonymous poll are in it): see <c>PostView</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.post-data")]
public sealed record PostData(
    [property: Id(0)] int PortalId,
    [property: Id(1)] long Id,
    [property: Id(2)] int AuthorId,
    [property: Id(3)] string Text,
    [property: Id(4)] PostAudience Audience,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] long Version,
    [property: Id(7)] NewPoll? Poll,
    /// <summary>Each voter's choice (option indexes), by user id.</summary>
    [property: Id(8)] IReadOnlyDictionary<int, IReadOnlyList<int>> Votes,
    [property: Id(9)] IReadOnlyList<PostFile> Files,
    [property: Id(10)] IReadOnlyList<int> MentionedUserIds,
    [property: Id(11)] IReadOnlyList<PostComment> Comments,
    [property: Id(12)] IReadOnlyDictionary<string, IReadOnlyList<int>> Reactions,
    [property: Id(13)] IReadOnlyList<int> PinnedBy,
    [property: Id(14)] StreamEvent? Event = null,
    [property: Id(15)] DateTimeOffset? EditedAt = null,
    [property: Id(16)] bool Deleted = false,
    /// <summary>The author closed the poll before its closing time.</summary>
    [property: Id(17)] bool PollClosed = false);

/// <summary>A post of the activity stream as one viewer sees it: the poll's results and the pin are the viewer's.</summary>
[GenerateSerializer, Immutable, Alias("crm.post-view")]
public sealed record PostView(
    [property: Id(0)] int PortalId,
    [property: Id(1)] long Id,
    [property: Id(2)] int AuthorId,
    [property: Id(3)] string Text,
    [property: Id(4)] PostAudience Audience,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] long Version,
    [property: Id(7)] PollResults? Poll,
    [property: Id(8)] IReadOnlyList<PostFile> Files,
    [property: Id(9)] IReadOnlyList<int> MentionedUserIds,
    [property: Id(10)] IReadOnlyList<PostComment> Comments,
    [property: Id(11)] IReadOnlyDictionary<string, IReadOnlyList<int>> Reactions,
    [property: Id(12)] bool Pinned,
    [property: Id(13)] StreamEvent? Event,
    [property: Id(14)] DateTimeOffset? EditedAt);

/// <summary>A live event of the stream: a post was written, changed or deleted (<see cref="PostData.Deleted"/>).</summary>
[GenerateSerializer, Immutable, Alias("crm.post-changed")]
public sealed record PostChanged(
    [property: Id(0)] PostData Post,
    /// <summary>"created", "edited", "deleted", "commented", "reacted", "voted", "pinned".</summary>
    [property: Id(1)] string What);
