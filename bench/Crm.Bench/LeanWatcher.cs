using System.Buffers;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Crm.Bench;

/// <summary>
/// A board watcher that speaks the hub's documented JSON protocol over a plain WebSocket and reads
/// only the deal id and version of each <c>dealChanged</c>. A thousand full .NET HubConnections on
/// the same two cores as the server cost the machine most of a core, so the latency measured was
/// mostly the benchmark's own; this watcher leaves the cores to the server. Tests use the real client.
/// </summary>
public sealed class LeanWatcher : IAsyncDisposable
{
    private const byte RecordSeparator = 0x1e;
    private static readonly TimeSpan PingEvery = TimeSpan.FromSeconds(10);

    private readonly ClientWebSocket _socket = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    /// <summary>Called with (deal id, version) as each dealChanged arrives, on the receive loop.</summary>
    public required Action<long, long> OnDealChanged { get; init; }

    /// <summary>Called once if the connection ends before disposal.</summary>
    public required Action<string> OnClosed { get; init; }

    public async Task Start(Uri hubUrl, CookieContainer cookies, long pipelineId)
    {
        _socket.Options.Cookies = cookies;
        var ws = new UriBuilder(hubUrl) { Scheme = hubUrl.Scheme == "https" ? "wss" : "ws" }.Uri;
        await _socket.ConnectAsync(ws, _stop.Token);
        await Send("""{"protocol":"json","version":1}""");
        await Send($$"""{"type":1,"invocationId":"1","target":"SubscribeBoard","arguments":[{{pipelineId}}]}""");
        var subscribed = new TaskCompletionSource();
        _loop = Receive(subscribed);
        await subscribed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        _ = Ping();
    }

    private Task Send(string message)
    {
        var bytes = Encoding.UTF8.GetBytes(message + (char)RecordSeparator);
        return _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, _stop.Token);
    }

    private async Task Ping()
    {
        // The server drops a client it has not heard from for 30 s.
        using var timer = new PeriodicTimer(PingEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
                await Send("""{"type":6}""");
        }
        catch (Exception) when (_stop.IsCancellationRequested || _socket.State != WebSocketState.Open)
        {
        }
    }

    private async Task Receive(TaskCompletionSource subscribed)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var result = await _socket.ReceiveAsync(buffer.GetMemory(4096), _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                    break;
                buffer.Advance(result.Count);
                if (!result.EndOfMessage)
                    continue;
                foreach (var record in Records(buffer.WrittenMemory))
                    Handle(record.Span, subscribed);
                buffer.ResetWrittenCount();
            }
        }
        catch (Exception e) when (!_stop.IsCancellationRequested)
        {
            subscribed.TrySetException(e);
            OnClosed($"{e.GetType().Name}: {e.Message}");
            return;
        }
        catch (OperationCanceledException)
        {
            return;
        }
        if (!_stop.IsCancellationRequested)
            OnClosed($"closed by server: {_socket.CloseStatusDescription}");
    }

    private static IEnumerable<ReadOnlyMemory<byte>> Records(ReadOnlyMemory<byte> frame)
    {
        while (frame.Span.IndexOf(RecordSeparator) is var end and >= 0)
        {
            yield return frame[..end];
            frame = frame[(end + 1)..];
        }
    }

    private void Handle(ReadOnlySpan<byte> record, TaskCompletionSource subscribed)
    {
        // Only three messages matter here: the completion of SubscribeBoard (type 3), an error
        // in it, and dealChanged invocations (type 1). Pings and other targets are skipped.
        var reader = new Utf8JsonReader(record);
        int? type = null;
        string? target = null;
        long id = 0, version = 0;
        string? error = null;
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName) continue;
            if (reader.CurrentDepth == 1 && reader.ValueTextEquals("type")) { reader.Read(); type = reader.GetInt32(); }
            else if (reader.CurrentDepth == 1 && reader.ValueTextEquals("target")) { reader.Read(); target = reader.GetString(); }
            else if (reader.CurrentDepth == 1 && reader.ValueTextEquals("error")) { reader.Read(); error = reader.GetString(); }
            else if (reader.CurrentDepth == 4 && reader.ValueTextEquals("id")) { reader.Read(); id = reader.GetInt64(); }
            else if (reader.CurrentDepth == 3 && reader.ValueTextEquals("version")) { reader.Read(); version = reader.GetInt64(); }
        }
        if (type == 3)
        {
            if (error is null) subscribed.TrySetResult();
            else subscribed.TrySetException(new InvalidOperationException(error));
        }
        else if (type == 1 && target == "dealChanged")
        {
            OnDealChanged(id, version);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try
        {
            if (_socket.State == WebSocketState.Open)
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        }
        catch (WebSocketException)
        {
            // The server may already be gone; nothing to tidy.
        }
        await _loop;
        _socket.Dispose();
    }
}
