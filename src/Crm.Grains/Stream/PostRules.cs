using Crm.Grains.Interfaces.Stream;

namespace Crm.Grains.Stream;

/// <summary>What a post must be: some text within bounds, an audience that names someone, and a poll that passes <see cref="PollRules"/>.</summary>
public static class PostRules
{
    public const int MaxTextLength = 20_000;

    public static NewPost Check(NewPost? post, DateTimeOffset now)
    {
        if (post is null) throw CrmException.Invalid("body_required", "Send the post: {text, audience, poll?}.");
        var text = (post.Text ?? "").Trim();
        if (text.Length == 0) throw CrmException.Invalid("text_required", "A post needs some text.", "text");
        if (text.Length > MaxTextLength) throw CrmException.Invalid("text_too_long", $"A post is at most {MaxTextLength} characters.", "text");
        var audience = post.Audience ?? throw CrmException.Invalid("audience_required", "Say who the post is for.", "audience");
        var departments = Ids(audience.DepartmentIds, "audience.departmentIds");
        var users = Ids(audience.UserIds, "audience.userIds");
        if (!audience.Everyone && departments.Count == 0 && users.Count == 0)
            throw CrmException.Invalid("audience_required", "Post to everyone, or name departments or people.", "audience");
        return new NewPost(text, audience.Everyone ? new PostAudience(true) : new PostAudience(false, departments, users),
            post.Poll is null ? null : PollRules.Check(post.Poll, now));
    }

    private static IReadOnlyList<int> Ids(IReadOnlyList<int>? ids, string field)
    {
        var list = (ids ?? []).Distinct().Order().ToList();
        if (list.Any(id => id <= 0)) throw CrmException.Invalid("invalid_id", "Ids are positive numbers.", field);
        return list;
    }
}
