using Crm.Grains.Interfaces.Stream;

namespace Crm.Grains.ReadModel;

/// <summary>The activity stream's read model (table <c>stream_posts</c>): one row per post, written by its grain.</summary>
public interface IStreamReadModel
{
    /// <summary>Writes the post's row unless a newer version is there; attaches its files.</summary>
    Task Project(PostData post);

    Task<long?> GetVersion(int portalId, long postId);
}
