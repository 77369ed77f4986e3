using System.Buffers;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Crm.Bench;

/// <summary>One <c>postChanged</c> as a stream watcher read it: the post, what happened, and the poll's tally (null without a poll).</summary>
public readonly record struct PostSeen(long PostId, string What, int? Voters, int[]? Counts);

/// <summary>
/// An activity-stream viewer that speaks the hub's JSON protocol over a plain WebSocket, as
/// <see cref="LeanWatcher"/> does for boards: it calls <c>SubscribeStream</c> and reads only the post
/// id, <c>what</c>, and the poll's <c>voters</c> and <c>counts</c> of each <c>postChanged</c>. A thousand
/// full .NET HubConnections would spend most of a core of the two the server also runs on.
/// </summary>
public sealed class LeanStreamWatcher : IAsyncDisposable
{
    private const byte RecordSeparator = 0x1e;
    private static readonly TimeSpan PingEvery = TimeSpan.FromSeconds(10);

    private readonly ClientWebSocket _socket = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;
    private long _bytes;

    /// <summary>WebSocket payload bytes received so far.</summary>
    public long BytesReceived => Interlocked.Read(ref _bytes);

    /// <summary>Called as each postChanged arrives, on the receive loop.</summary>
    public required Action<PostSeen> OnPostChanged { get; init; }

    /// <summary>Called once if the connection ends before disposal.</summary>
    public required Action<string> OnClosed { get; init; }

    public async Task Start(Uri hubUrl, CookieContainer cookies, TimeSpan timeout)
    {
        _socket.Options.Cookies = cookies;
        var ws = new UriBuilder(hubUrl) { Scheme = hubUrl.Scheme == "https" ? "wss" : "ws" }.Uri;
        using (var connecting = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token))
        {
            connecting.CancelAfter(timeout);
            await _socket.ConnectAsync(ws, connecting.Token);
        }
        await Send("""{"protocol":"json","version":1}""");
        await Send("""{"type":1,"invocationId":"1","target":"SubscribeStream","arguments":[]}""");
        var subscribed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _loop = Receive(subscribed);
        await subscribed.Task.WaitAsync(timeout);
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
        var buffer = new ArrayBufferWriter<byte>(16384);
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var result = await _socket.ReceiveAsync(buffer.GetMemory(8192), _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                    break;
                buffer.Advance(result.Count);
                Interlocked.Add(ref _bytes, result.Count);
                if (!result.EndOfMessage)
                    continue;
                // Whole records are handled; a record cut at the end of a frame waits for the next one.
                var written = buffer.WrittenMemory;
                var consumed = 0;
                while (written.Span[consumed..].IndexOf(RecordSeparator) is var end and >= 0)
                {
                    Handle(written.Span.Slice(consumed, end), subscribed);
                    consumed += end + 1;
                }
                if (consumed == written.Length)
                {
                    buffer.ResetWrittenCount();
                }
                else if (consumed > 0)
                {
                    var rest = written[consumed..].ToArray();
                    buffer.ResetWrittenCount();
                    buffer.Write(rest);
                }
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
        {
            subscribed.TrySetException(new InvalidOperationException($"closed by server: {_socket.CloseStatusDescription}"));
            OnClosed($"closed by server: {_socket.CloseStatusDescription}");
        }
    }

    private void Handle(ReadOnlySpan<byte> record, TaskCompletionSource subscribed)
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
        if (type == 3)
        {
            if (error is null) subscribed.TrySetResult();
            else subscribed.TrySetException(new InvalidOperationException(error));
        }
        else if (type == 7)
        {
            subscribed.TrySetException(new InvalidOperationException($"closed by server: {error}"));
        }
        else if (type == 1 && target == "postChanged")
        {
            OnPostChanged(new PostSeen(postId, what ?? "", voters, counts));
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
