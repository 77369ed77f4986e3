namespace Crm.Grains.Interfaces.Stream;

/// <summary>
/// One post of a portal's activity stream; key "{portal}/{postId}". The single writer of the post and
/// its poll: votes are applied one at a time, so a user's concurrent votes leave exactly one.
/// </summary>
public interface IPostGrain : IGrainWithStringKey
{
    /// <summary>Writes the post; refused when this id holds one already.</summary>
    Task<PostView> Create(NewPost post, int authorId);

    /// <summary>The post as <paramref name="viewerId"/> sees it; NotFound when there is none.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<PostView> Get(int viewerId);

    /// <summary>Records the user's choice (replacing an earlier one) while the poll is open; answers the results as the voter sees them.</summary>
    Task<PostView> Vote(IReadOnlyList<int> options, int userId);
}
