using Crm.Grains.Interfaces.Stream;
using Crm.Grains.Stream;

namespace Crm.Grains.Tests.Stream;

public sealed class PollRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
    private static readonly NewPoll Lunch = new("Where for lunch?", ["Pizza", "Sushi", "Salad"], ClosesAt: Now.AddHours(1));

    private static string Refused(Action act) => Assert.Throws<CrmException>(act).Code;

    [Fact]
    public void A_poll_is_trimmed_and_checked_as_a_whole()
    {
        var poll = PollRules.Check(new(" Where for lunch? ", [" Pizza", "Sushi "], ClosesAt: Lunch.ClosesAt), Now);
        Assert.Equal(("Where for lunch?", Lunch.ClosesAt), (poll.Question, poll.ClosesAt));
        Assert.Equal(["Pizza", "Sushi"], poll.Options);
        Assert.Equal("question_required", Refused(() => PollRules.Check(Lunch with { Question = " " }, Now)));
        Assert.Equal("poll_options_count", Refused(() => PollRules.Check(Lunch with { Options = ["Only"] }, Now)));
        Assert.Equal("poll_options_count", Refused(() => PollRules.Check(Lunch with { Options = Enumerable.Range(0, 21).Select(i => $"o{i}").ToList() }, Now)));
        Assert.Equal("invalid_poll_option", Refused(() => PollRules.Check(Lunch with { Options = ["Pizza", ""] }, Now)));
        Assert.Equal("duplicate_poll_option", Refused(() => PollRules.Check(Lunch with { Options = ["Pizza", "pizza"] }, Now)));
        Assert.Equal("poll_closes_in_the_past", Refused(() => PollRules.Check(Lunch with { ClosesAt = Now }, Now)));
    }

    [Fact]
    public void A_vote_fits_the_poll_or_is_refused_and_a_closed_poll_takes_none()
    {
        Assert.Equal([1], PollRules.Vote(Lunch, [1], Now));
        Assert.Equal("choice_required", Refused(() => PollRules.Vote(Lunch, [], Now)));
        Assert.Equal("one_choice_only", Refused(() => PollRules.Vote(Lunch, [0, 2], Now)));
        Assert.Equal("unknown_option", Refused(() => PollRules.Vote(Lunch, [3], Now)));
        Assert.Equal("unknown_option", Refused(() => PollRules.Vote(Lunch with { MultipleChoice = true }, [0, -1], Now)));
        Assert.Equal([0, 2], PollRules.Vote(Lunch with { MultipleChoice = true }, [2, 0, 2], Now));
        Assert.Equal("poll_closed", Refused(() => PollRules.Vote(Lunch, [1], Now.AddHours(1))));
    }

    [Fact]
    public void Results_count_each_user_once_and_hide_who_chose_what_in_an_anonymous_poll()
    {
        var votes = new Dictionary<int, IReadOnlyList<int>> { [7] = [1], [3] = [1], [9] = [0] };

        var open = PollRules.Results(Lunch, votes, viewerId: 7, Now);
        Assert.Equal([1, 2, 0], open.Counts);
        Assert.Equal(3, open.Voters);
        Assert.Equal([1], open.MyChoice);
        Assert.False(open.Closed);
        Assert.Equal([[9], [3, 7], []], open.VotersByOption);

        var hidden = PollRules.Results(Lunch with { Anonymous = true }, votes, viewerId: 5, Now.AddHours(2));
        Assert.Equal([1, 2, 0], hidden.Counts);
        Assert.Empty(hidden.MyChoice);
        Assert.True(hidden.Closed);
        Assert.All(hidden.VotersByOption, Assert.Empty);
    }
}
