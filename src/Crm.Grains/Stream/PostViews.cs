using Crm.Grains.Interfaces.Stream;

namespace Crm.Grains.Stream;

/// <summary>A post as one viewer sees it: the grain's answers, the feed read from the read model and the live path all use this.</summary>
public static class PostViews
{
    public static PostView For(PostData p, int viewerId, DateTimeOffset now) => new(
        p.PortalId, p.Id, p.AuthorId, p.Text, p.Audience, p.CreatedAt, p.Version,
        p.Poll is null ? null : PollRules.Results(p.Poll, p.Votes, viewerId, now, p.PollClosed),
        p.Files, p.MentionedUserIds, p.Comments, p.Reactions, p.PinnedBy.Contains(viewerId), p.Event, p.EditedAt);
}
