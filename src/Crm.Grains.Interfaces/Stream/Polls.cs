namespace Crm.Grains.Interfaces.Stream;

/// <summary>A poll in an activity-stream post, as its author asks it.</summary>
[GenerateSerializer, Immutable, Alias("crm.new-poll")]
public sealed record NewPoll(
    [property: Id(0)] string Question,
    [property: Id(1)] IReadOnlyList<string> Options,
    [property: Id(2)] bool MultipleChoice = false,
    /// <summary>Nobody sees who chose what; the counts are shown all the same.</summary>
    [property: Id(3)] bool Anonymous = false,
    /// <summary>After this, votes are refused; null: open until the author closes it.</summary>
    [property: Id(4)] DateTimeOffset? ClosesAt = null);

/// <summary>
/// A poll's results as one viewer sees them: the counts per option (in the options' order), how many
/// voted, the viewer's own choice, and who chose each option unless the poll is anonymous.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.poll-results")]
public sealed record PollResults(
    [property: Id(0)] NewPoll Poll,
    [property: Id(1)] IReadOnlyList<int> Counts,
    [property: Id(2)] int Voters,
    [property: Id(3)] IReadOnlyList<int> MyChoice,
    [property: Id(4)] bool Closed,
    /// <summary>The user ids behind each option; empty lists when the poll is anonymous.</summary>
    [property: Id(5)] IReadOnlyList<IReadOnlyList<int>> VotersByOption);
