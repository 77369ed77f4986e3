using System.Net;
using System.Text.Json;

namespace Crm.Bench;

/// <summary>A board watcher (see <see cref="LeanHubSocket"/>) that reads only the deal id and version of each <c>dealChanged</c>.</summary>
public sealed class LeanWatcher : LeanHubSocket
{
    /// <summary>Called with (deal id, version) as each dealChanged arrives, on the receive loop.</summary>
    public required Action<long, long> OnDealChanged { get; init; }

    public Task Start(Uri hubUrl, CookieContainer cookies, long pipelineId) =>
        Subscribe(hubUrl, cookies, "SubscribeBoard", $"[{pipelineId}]", TimeSpan.FromSeconds(30));

    protected override void Handle(ReadOnlySpan<byte> record, TaskCompletionSource subscribed)
    {
        // Only the completion of SubscribeBoard (type 3), an error in it, and dealChanged invocations
        // (type 1) matter here. Pings and other targets are skipped.
        var reader = new Utf8JsonReader(record);
        int? type = null;
        string? target = null, error = null;
        long id = 0, version = 0;
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName) continue;
            if (reader.CurrentDepth == 1 && reader.ValueTextEquals("type")) { reader.Read(); type = reader.GetInt32(); }
            else if (reader.CurrentDepth == 1 && reader.ValueTextEquals("target")) { reader.Read(); target = reader.GetString(); }
            else if (reader.CurrentDepth == 1 && reader.ValueTextEquals("error")) { reader.Read(); error = reader.GetString(); }
            else if (reader.CurrentDepth == 4 && reader.ValueTextEquals("id")) { reader.Read(); id = reader.GetInt64(); }
            else if (reader.CurrentDepth == 3 && reader.ValueTextEquals("version")) { reader.Read(); version = reader.GetInt64(); }
        }
        if (!Settles(type, error, subscribed) && type == 1 && target == "dealChanged") OnDealChanged(id, version);
    }
}
