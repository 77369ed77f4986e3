using Crm.Grains.Interfaces.Stream;

namespace Crm.Grains.Stream;

/// <summary>
/// What a poll must be and what a vote may be. A user has one vote: voting again replaces it, until
/// the poll closes; then every vote is refused. The grain holding the poll applies these in turn, so
/// concurrent votes of one user cannot both count.
/// </summary>
public static class PollRules
{
    public const int MaxOptions = 20;
    public const int MaxQuestionLength = 300;
    public const int MaxOptionLength = 200;

    public static NewPoll Check(NewPoll? poll, DateTimeOffset now)
    {
        if (poll is null) throw CrmException.Invalid("poll_required", "Send the poll: {question, options, multipleChoice, anonymous, closesAt}.", "poll");
        var question = (poll.Question ?? "").Trim();
        if (question.Length is 0 or > MaxQuestionLength)
            throw CrmException.Invalid(question.Length == 0 ? "question_required" : "question_too_long", $"A poll asks a question of 1 to {MaxQuestionLength} characters.", "poll.question");
        var options = (poll.Options ?? []).Select(o => (o ?? "").Trim()).ToList();
        if (options.Count is < 2 or > MaxOptions)
            throw CrmException.Invalid("poll_options_count", $"A poll has 2 to {MaxOptions} options.", "poll.options");
        for (var i = 0; i < options.Count; i++)
        {
            if (options[i].Length is 0 or > MaxOptionLength)
                throw CrmException.Invalid("invalid_poll_option", $"Option {i + 1} must be 1 to {MaxOptionLength} characters.", $"poll.options[{i}]");
            if (options.FindIndex(o => string.Equals(o, options[i], StringComparison.OrdinalIgnoreCase)) != i)
                throw CrmException.Invalid("duplicate_poll_option", $"Option {i + 1} repeats an earlier one.", $"poll.options[{i}]");
        }
        if (poll.ClosesAt is { } closes && closes <= now)
            throw CrmException.Invalid("poll_closes_in_the_past", "A poll's closing time lies ahead.", "poll.closesAt");
        return poll with { Question = question, Options = options };
    }

    /// <summary>Closed at its closing time, or earlier when its author closed it.</summary>
    public static bool IsClosed(NewPoll poll, DateTimeOffset now, bool closedEarly = false) => closedEarly || poll.ClosesAt is { } closes && closes <= now;

    /// <summary>The choice as stored (distinct option indexes, in order); refused when the poll is closed or the choice does not fit it.</summary>
    public static IReadOnlyList<int> Vote(NewPoll poll, IReadOnlyList<int>? choice, DateTimeOffset now, bool closedEarly = false)
    {
        if (IsClosed(poll, now, closedEarly)) throw CrmException.Conflict("poll_closed", "The poll is closed: it takes no more votes.");
        var picked = (choice ?? []).Distinct().Order().ToList();
        if (picked.Count == 0) throw CrmException.Invalid("choice_required", "Choose an option.", "options");
        if (picked.Count > 1 && !poll.MultipleChoice) throw CrmException.Invalid("one_choice_only", "This poll takes one option.", "options");
        if (picked.Where(i => i < 0 || i >= poll.Options.Count).ToList() is [var unknown, ..])
            throw CrmException.Invalid("unknown_option", $"The poll has no option {unknown + 1}.", "options");
        return picked;
    }

    public static PollResults Results(NewPoll poll, IReadOnlyDictionary<int, IReadOnlyList<int>> votes, int viewerId, DateTimeOffset now, bool closedEarly = false)
    {
        var voters = poll.Options.Select(_ => new List<int>()).ToList();
        foreach (var (userId, choice) in votes.OrderBy(v => v.Key))
            foreach (var option in choice.Where(o => o >= 0 && o < voters.Count))
                voters[option].Add(userId);
        return new PollResults(poll, voters.Select(v => v.Count).ToList(), votes.Count,
            votes.TryGetValue(viewerId, out var mine) ? mine : [], IsClosed(poll, now, closedEarly),
            poll.Anonymous ? voters.Select(_ => (IReadOnlyList<int>)[]).ToList() : voters.Select(v => (IReadOnlyList<int>)v).ToList());
    }
}
