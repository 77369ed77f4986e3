using System.Buffers;
using System.Net;
using System.Net.WebSockets;
using System.Text;

namespace Crm.Bench;

/// <summary>
/// A hub client that speaks the hub's documented JSON protocol over a plain WebSocket: it subscribes
/// with one invocation and hands each message to <see cref="Handle"/>, which reads only what its
/// benchmark needs. A thousand full .NET HubConnections on the same two cores as the server cost the
/// machine most of a core, so the latency measured was mostly the benchmark's own; these leave the
/// cores to the server. Tests use the real client.
/// </summary>
public abstract class LeanHubSocket : IAsyncDisposable
{
    private const byte RecordSeparator = 0x1e;
    private static readonly TimeSpan PingEvery = TimeSpan.FromSeconds(10);

    private readonly ClientWebSocket _socket = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;
    private long _bytes;

    /// <summary>WebSocket payload bytes received so far.</summary>
    public long BytesReceived => Interlocked.Read(ref _bytes);

    /// <summary>Called once if the connection ends before disposal.</summary>
    public required Action<string> OnClosed { get; init; }

    /// <summary>Connects, invokes <paramref name="target"/> with the JSON <paramref name="arguments"/>, and returns once the hub answered it.</summary>
    protected async Task Subscribe(Uri hubUrl, CookieContainer cookies, string target, string arguments, TimeSpan timeout)
    {
        _socket.Options.Cookies = cookies;
        var ws = new UriBuilder(hubUrl) { Scheme = hubUrl.Scheme == "https" ? "wss" : "ws" }.Uri;
        using (var connecting = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token))
        {
            connecting.CancelAfter(timeout);
            await _socket.ConnectAsync(ws, connecting.Token);
        }
        await Send("""{"protocol":"json","version":1}""");
        await Send($$"""{"type":1,"invocationId":"1","target":"{{target}}","arguments":{{arguments}}}""");
        var subscribed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _loop = Receive(subscribed);
        await subscribed.Task.WaitAsync(timeout);
        _ = Ping();
    }

    /// <summary>One message of the hub (a JSON record without its separator).</summary>
    protected abstract void Handle(ReadOnlySpan<byte> record, TaskCompletionSource subscribed);

    /// <summary>The subscription's answer (type 3) or the server closing (type 7) settles it; returns whether the message was one of those.</summary>
    protected static bool Settles(int? type, string? error, TaskCompletionSource subscribed)
    {
        if (type == 3 && error is null) subscribed.TrySetResult();
        else if (type is 3 or 7) subscribed.TrySetException(new InvalidOperationException(type == 3 ? error : $"closed by server: {error}"));
        return type is 3 or 7;
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
                var rest = written[consumed..].ToArray();
                buffer.ResetWrittenCount();
                buffer.Write(rest);
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
        GC.SuppressFinalize(this);
    }
}
