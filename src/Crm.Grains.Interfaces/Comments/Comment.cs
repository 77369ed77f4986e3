using Crm.Grains.Interfaces.Activities;

namespace Crm.Grains.Interfaces.Comments;

/// <summary>A comment on a record's timeline. A record of its own, so that commenting never conflicts with editing the record.</summary>
[GenerateSerializer, Immutable, Alias("crm.comment")]
public sealed record Comment(
    [property: Id(0)] int PortalId,
    [property: Id(1)] long Id,
    [property: Id(2)] RecordRef Owner,
    [property: Id(3)] string Text,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] int CreatedBy,
    [property: Id(6)] DateTimeOffset UpdatedAt,
    [property: Id(7)] int UpdatedBy,
    [property: Id(8)] long Version) : IRecord;

/// <summary>The single writer of one comment; key "{portal}/{id}".</summary>
public interface ICommentGrain : IGrainWithStringKey
{
    Task<Comment> Create(RecordRef owner, string text, int actorId);

    Task<Comment> Get();

    /// <summary>Only its author may change or delete a comment.</summary>
    Task<Comment> Edit(string text, long? expectedVersion, int actorId);

    Task Delete(long? expectedVersion, int actorId);
}
