using System.Text.Json;
using System.Threading.Channels;
using Crm.Grains.Interfaces.Chat;
using Crm.Web.Api;
using Crm.Web.Live;

namespace Crm.Web.Chat;

/// <summary>
/// The visitor's live line: a server-sent event stream (<c>GET /api/public/chat/events</c>) of the
/// visitor's own conversation: each change as the visitor sees it, and the operator typing. Plain
/// SSE, so the widget needs no script library; a comment line every 20 s keeps proxies from closing it.
/// </summary>
public sealed class ChatEvents(BoardLiveService live, ChatViews views, VisitorChat chat)
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(20);

    public async Task Stream(HttpContext http, ChatSession session, CancellationToken cancellationToken)
    {
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        var events = Channel.CreateBounded<ConversationChanged?>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
        // Watch first, then send the current state: a change in between is in one or the other.
        using var watch = await live.Watch(BoardKey.Chat(session.PortalId), new VisitorWatcher(session.VisitorKey, events.Writer), WatcherAccess.Everything);
        if (await chat.Current(session) is { } current) await Send(http, new VisitorChatEvent("conversation", current), cancellationToken);
        else await http.Response.WriteAsync(": connected\n\n", cancellationToken);
        await http.Response.Body.FlushAsync(cancellationToken);

        while (!cancellationToken.IsCancellationRequested)
        {
            using var beat = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            beat.CancelAfter(Heartbeat);
            try
            {
                await events.Reader.WaitToReadAsync(beat.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                await http.Response.WriteAsync(": ping\n\n", cancellationToken);
                await http.Response.Body.FlushAsync(cancellationToken);
                continue;
            }
            while (events.Reader.TryRead(out var change))
            {
                // null: events may have been lost; the current state replaces them.
                var conversation = change is null ? await chat.Current(session) : await views.ForVisitor(change.Conversation);
                if (conversation is not null) await Send(http, new VisitorChatEvent(change?.What ?? "conversation", conversation), cancellationToken);
            }
            await http.Response.Body.FlushAsync(cancellationToken);
        }
    }

    private static Task Send(HttpContext http, VisitorChatEvent e, CancellationToken cancellationToken) =>
        http.Response.WriteAsync($"event: chat\ndata: {JsonSerializer.Serialize(e, ApiJson.Options)}\n\n", cancellationToken);

    /// <summary>Passes on the visitor's own conversation only, and not their own typing.</summary>
    private sealed class VisitorWatcher(string visitorKey, ChannelWriter<ConversationChanged?> events) : IBoardWatcher
    {
        public void OnConversationChanged(ConversationChanged change)
        {
            if (change.Conversation.VisitorKey == visitorKey && change.Typing != ChatSide.Visitor) events.TryWrite(change);
        }

        public void OnResync() => events.TryWrite(null);
    }
}
