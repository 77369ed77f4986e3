namespace Crm.Grains.Interfaces.Stream;

/// <summary>Who a post is for: everyone in the portal, or the members of some departments and some users.</summary>
[GenerateSerializer, Immutable, Alias("crm.post-audience")]
public sealed record PostAudience(
    [property: Id(0)] bool Everyone,
    [property: Id(1)] IReadOnlyList<int>? DepartmentIds = null,
    [property: Id(2)] IReadOnlyList<int>? UserIds = null);

/// <summary>A post as its author writes it.</summary>
[GenerateSerializer, Immutable, Alias("crm.new-post")]
public sealed record NewPost(
    [property: Id(0)] string Text,
    [property: Id(1)] PostAudience Audience,
    [property: Id(2)] NewPoll? Poll = null);

/// <summary>A post of the activity stream as one viewer sees it (the poll's results are the viewer's view).</summary>
[GenerateSerializer, Immutable, Alias("crm.post-view")]
public sealed record PostView(
    [property: Id(0)] int PortalId,
    [property: Id(1)] long Id,
    [property: Id(2)] int AuthorId,
    [property: Id(3)] string Text,
    [property: Id(4)] PostAudience Audience,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] long Version,
    [property: Id(7)] PollResults? Poll);
