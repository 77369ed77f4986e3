using Crm.Grains.Interfaces.Stream;

namespace Crm.Grains.Stream;

/// <summary>What a post must be: clean text within bounds, an audience that names someone, a poll that passes <see cref="PollRules"/>, a few files.</summary>
public static class PostRules
{
    public const int MaxAudienceIds = 200;
    public const int MaxFiles = 10;
    public const int MaxComments = 2_000;
    public static readonly IReadOnlySet<string> Reactions = new HashSet<string>(StringComparer.Ordinal) { "like", "love", "laugh", "wow", "sad", "angry" };

    public static NewPost Check(NewPost? post, DateTimeOffset now)
    {
        if (post is null) throw CrmException.Invalid("body_required", "Send the post: {text, audience, poll?, fileIds?}.");
        var text = PostText.Clean(post.Text, "text");
        var audience = post.Audience ?? throw CrmException.Invalid("audience_required", "Say who the post is for.", "audience");
        var departments = Ids(audience.DepartmentIds, "audience.departmentIds");
        var users = Ids(audience.UserIds, "audience.userIds");
        if (!audience.Everyone && departments.Count == 0 && users.Count == 0)
            throw CrmException.Invalid("audience_required", "Post to everyone, or name departments or people.", "audience");
        var files = post.Files ?? [];
        if (files.Count > MaxFiles) throw CrmException.Invalid("too_many_files", $"A post has at most {MaxFiles} files.", "fileIds");
        return new NewPost(text, audience.Everyone ? new PostAudience(true, [], []) : new PostAudience(false, departments, users),
            post.Poll is null ? null : PollRules.Check(post.Poll, now), files);
    }

    public static string CheckReaction(string? reaction) => reaction is not null && Reactions.Contains(reaction) ? reaction
        : throw CrmException.Invalid("unknown_reaction", $"React with one of: {string.Join(", ", Reactions)}.", "reaction");

    private static IReadOnlyList<int> Ids(IReadOnlyList<int>? ids, string field)
    {
        var list = (ids ?? []).Distinct().Order().ToList();
        if (list.Any(id => id <= 0)) throw CrmException.Invalid("invalid_id", "Ids are positive numbers.", field);
        if (list.Count > MaxAudienceIds) throw CrmException.Invalid("audience_too_large", $"Name at most {MaxAudienceIds} departments and {MaxAudienceIds} people.", field);
        return list;
    }
}
