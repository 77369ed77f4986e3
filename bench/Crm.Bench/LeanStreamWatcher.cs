using System.Net;
using System.Text.Json;

namespace Crm.Bench;

/// <summary>One <c>postChanged</c> as a stream watcher read it: the post, what happened, and the poll's tally (null without a poll).</summary>
public readonly record struct PostSeen(long PostId, string What, int? Voters, int[]? Counts);

/// <summary>
/// An activity-stream viewer (see <see cref="LeanHubSocket"/>): it calls <c>SubscribeStream</c> and reads
/// only the post id, <c>what</c>, and the poll's <c>voters</c> and <c>counts</c> of each <c>postChanged</c>.
/// </summary>
public sealed class LeanStreamWatcher : LeanHubSocket
{
    /// <summary>Called as each postChanged arrives, on the receive loop.</summary>
    public required Action<PostSeen> OnPostChanged { get; init; }

    public Task Start(Uri hubUrl, CookieContainer cookies, TimeSpan timeout) => Subscribe(hubUrl, cookies, "SubscribeStream", "[]", timeout);

    protected override void Handle(ReadOnlySpan<byte> record, TaskCompletionSource subscribed)
    {
        // {"type":1,"target":"postChanged","arguments":[{"what":…,"deleted":…,"post":{"id":…,"poll":{"counts":[…],"voters":n,…},…}}]}
        // Depths of property names: 1 the message, 3 the argument, 4 the post, 5 the poll's results.
        var reader = new Utf8JsonReader(record);
        int? type = null;
        string? target = null, error = null, what = null;
        long postId = 0;
        int? voters = null;
        int[]? counts = null;
        var inPoll = false;
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName) continue;
            switch (reader.CurrentDepth)
            {
                case 1 when reader.ValueTextEquals("type"): reader.Read(); type = reader.GetInt32(); break;
                case 1 when reader.ValueTextEquals("target"): reader.Read(); target = reader.GetString(); break;
                case 1 when reader.ValueTextEquals("error"): reader.Read(); error = reader.GetString(); break;
                case 3 when reader.ValueTextEquals("what"): reader.Read(); what = reader.GetString(); break;
                case 4:
                    inPoll = reader.ValueTextEquals("poll");
                    if (reader.ValueTextEquals("id")) { reader.Read(); postId = reader.GetInt64(); }
                    break;
                case 5 when inPoll && reader.ValueTextEquals("voters"): reader.Read(); voters = reader.GetInt32(); break;
                case 5 when inPoll && reader.ValueTextEquals("counts"):
                    reader.Read();
                    var list = new List<int>(4);
                    while (reader.Read() && reader.TokenType == JsonTokenType.Number) list.Add(reader.GetInt32());
                    counts = [.. list];
                    break;
            }
        }
        if (!Settles(type, error, subscribed) && type == 1 && target == "postChanged")
            OnPostChanged(new PostSeen(postId, what ?? "", voters, counts));
    }
}
