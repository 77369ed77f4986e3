using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Threading.RateLimiting;
using Crm.Grains.Chat;
using Crm.Grains.Interfaces.Chat;
using Crm.Web.Api;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Crm.Web.Chat;

/// <summary>Limits of the website chat (section <c>Crm:Chat</c>).</summary>
public sealed class ChatOptions
{
    public const string Section = "Crm:Chat";

    /// <summary>Messages one visitor may send per minute; more are refused with 429.</summary>
    public int MessagesPerMinute { get; set; } = 20;

    /// <summary>Sessions one address may start per minute.</summary>
    public int SessionsPerMinute { get; set; } = 30;
}

/// <summary>
/// Open-channel chat. For visitors, anonymous with a session token: <c>/api/public/chat/…</c>, the
/// window <c>/chat/{portalId}</c> and the widget <c>/chat/widget.js</c>. For operators (signed in):
/// <c>/api/chat/…</c> (queue, reply, assign, read, typing, close, presence); live changes on the hub
/// after <c>SubscribeChat</c>. For messenger bridges (API token): <c>POST /api/chat/inbound</c>.
/// </summary>
public static class ChatApi
{
    private const string MessagesLimit = "chat-messages";
    private const string SessionsLimit = "chat-sessions";
    private const string TypingLimit = "chat-typing";
    private const string PublicCors = "public-chat";

    public sealed record ReadBody(long MessageId);
    public sealed record TextBody(string? Text);
    public sealed record AssignBody(int? OperatorId);
    public sealed record OnlineBody(bool Online);
    public sealed record ChannelBody(IReadOnlyList<int>? OperatorIds);
    public sealed record BridgeBody(string? ReplyUrl);
    public sealed record InboundBody(string? Channel, string? ExternalUserId, string? Text, string? Name, string? Email, string? Phone);

    public static IServiceCollection AddChat(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ChatOptions>(configuration.GetSection(ChatOptions.Section));
        services.AddSingleton<ChatSessions>();
        services.AddSingleton<ChatViews>();
        services.AddSingleton<VisitorChat>();
        services.AddSingleton<ChatEvents>();
        services.AddSingleton<OperatorChat>();
        // Any website may call the visitor API: it carries no cookies, only the visitor's own token.
        services.AddCors(o => o.AddPolicy(PublicCors, p => p.AllowAnyOrigin().AllowAnyMethod().WithHeaders("Content-Type", ChatSessions.Header)));
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(MessagesLimit, context => PerMinute(VisitorOrAddress(context), context.RequestServices.GetRequiredService<IOptions<ChatOptions>>().Value.MessagesPerMinute));
            // Typing has a limit of its own, so a visitor who types a lot can still send what they typed.
            o.AddPolicy(TypingLimit, context => PerMinute(VisitorOrAddress(context), 60));
            o.AddPolicy(SessionsLimit, context => PerMinute($"{context.Connection.RemoteIpAddress}", context.RequestServices.GetRequiredService<IOptions<ChatOptions>>().Value.SessionsPerMinute));
        });
        return services;
    }

    public static IEndpointRouteBuilder MapChatApi(this IEndpointRouteBuilder app)
    {
        MapVisitorApi(app);
        MapOperatorApi(app);
        return app;
    }

    private static void MapVisitorApi(IEndpointRouteBuilder app)
    {
        var visitor = app.MapGroup("/api/public/chat").AllowAnonymous().RequireCors(PublicCors).WithTags("Chat (visitors)");

        visitor.MapPost("/{portalId:int}/sessions", async (VisitorChat chat, ChatSessions sessions, int portalId) =>
        {
            await chat.RequirePortal(portalId);
            return TypedResults.Ok(new { token = sessions.Start(portalId) });
        }).RequireRateLimiting(SessionsLimit)
            .WithMetadata(new RateLimitRefusal("too_many_sessions", "Too many chats started from your address: please wait a minute."))
            .WithName("StartChatSession").WithDescription("A visitor's session token: send it as X-Chat-Session with every call.");

        visitor.MapGet("/conversation", async (HttpRequest request, ChatSessions sessions, VisitorChat chat) =>
            await chat.Current(sessions.Of(request)) is { } c ? Results.Ok(c) : Results.NoContent())
            .WithName("GetVisitorConversation").WithDescription("The visitor's current (or last) conversation; 204 before the first message.");

        visitor.MapPost("/messages", async (HttpRequest request, ChatSessions sessions, VisitorChat chat, VisitorMessage? body) =>
            TypedResults.Ok(await chat.Say(sessions.Of(request), body)))
            .RequireRateLimiting(MessagesLimit)
            .WithMetadata(new RateLimitRefusal("too_many_messages", "You are sending messages too fast: please wait a minute, then write again."))
            .WithName("SendVisitorMessage").WithDescription("{text, name?, email?, phone?}: the first message opens a conversation (and a lead).");

        visitor.MapPost("/typing", async (HttpRequest request, ChatSessions sessions, VisitorChat chat) =>
        {
            await chat.Typing(sessions.Of(request));
            return TypedResults.NoContent();
        }).RequireRateLimiting(TypingLimit).WithMetadata(new RateLimitRefusal("too_many_typing_signals", "Too many typing signals: please wait a minute."))
            .WithName("VisitorTyping");

        visitor.MapPost("/read", async (HttpRequest request, ChatSessions sessions, VisitorChat chat, ReadBody? body) =>
            TypedResults.Ok(await chat.Read(sessions.Of(request), body?.MessageId ?? 0)))
            .WithName("VisitorRead").WithDescription("{messageId}: the visitor has read the operators' messages up to this one.");

        visitor.MapGet("/events", (HttpContext http, ChatSessions sessions, ChatEvents events, CancellationToken cancellationToken) =>
            events.Stream(http, sessions.Of(http.Request), cancellationToken))
            .WithName("VisitorChatEvents").WithDescription("Server-sent events of the visitor's conversation (?session=token, as EventSource cannot send headers).");

        app.MapGet("/chat/{portalId:int}", async (HttpContext http, VisitorChat chat, int portalId) =>
        {
            await chat.RequirePortal(portalId);
            var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            // Any site may show the chat in its frame; only our own script and calls run in it.
            http.Response.Headers.ContentSecurityPolicy =
                $"default-src 'none'; style-src 'nonce-{nonce}'; script-src 'nonce-{nonce}'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors *";
            return Results.Content(ChatVisitorPage.Render(portalId, nonce), "text/html; charset=utf-8");
        }).AllowAnonymous().WithTags("Chat (visitors)").WithName("ChatWindow").ExcludeFromDescription();

        app.MapGet("/chat/widget.js", (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Content(ChatWidget.Script, "text/javascript; charset=utf-8");
        }).AllowAnonymous().RequireCors(PublicCors).WithTags("Chat (visitors)").WithName("ChatWidget").ExcludeFromDescription();
    }

    private static void MapOperatorApi(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/chat").RequireAuthorization().WithTags("Chat (operators)");

        api.MapGet("/conversations", async (ClaimsPrincipal user, OperatorChat chat, bool? closed) =>
            TypedResults.Ok(await chat.Queue(RequestUser.Of(user), closed == true)))
            .WithName("ChatQueue").WithDescription($"Open conversations (?closed=true: closed ones), waiting ones first; at most {OperatorChat.MaxQueue}.");

        api.MapGet("/conversations/{id:long}", async (ClaimsPrincipal user, OperatorChat chat, long id) =>
            TypedResults.Ok(await chat.Get(RequestUser.Of(user), id))).WithName("GetConversation");

        api.MapPost("/conversations/{id:long}/messages", async (ClaimsPrincipal user, OperatorChat chat, long id, TextBody? body) =>
            TypedResults.Ok(await chat.Reply(RequestUser.Of(user), id, body?.Text))).WithName("ReplyInConversation").WithDescription("{text}");

        api.MapPost("/conversations/{id:long}/assign", async (ClaimsPrincipal user, OperatorChat chat, long id, AssignBody? body) =>
            TypedResults.Ok(await chat.Assign(RequestUser.Of(user), id, body?.OperatorId))).WithName("AssignConversation").WithDescription("{operatorId}");

        api.MapPost("/conversations/{id:long}/read", async (ClaimsPrincipal user, OperatorChat chat, long id, ReadBody? body) =>
            TypedResults.Ok(await chat.Read(RequestUser.Of(user), id, body?.MessageId ?? 0))).WithName("OperatorRead").WithDescription("{messageId}");

        api.MapPost("/conversations/{id:long}/typing", async (ClaimsPrincipal user, OperatorChat chat, long id) =>
        {
            await chat.Typing(RequestUser.Of(user), id);
            return TypedResults.NoContent();
        }).WithName("OperatorTyping");

        api.MapPost("/conversations/{id:long}/close", async (ClaimsPrincipal user, OperatorChat chat, long id) =>
            TypedResults.Ok(await chat.Close(RequestUser.Of(user), id))).WithName("CloseConversation");

        api.MapPost("/online", async (ClaimsPrincipal user, OperatorChat chat, OnlineBody? body) =>
        {
            await chat.Online(RequestUser.Of(user), body?.Online ?? true);
            return TypedResults.NoContent();
        }).WithName("OperatorOnline").WithDescription($"{{online}}: takes part in the round-robin; renew within {ChatOperatorsGrain.OnlineFor.TotalSeconds:0} s.");

        api.MapGet("/operators", async (ClaimsPrincipal user, OperatorChat chat) =>
            TypedResults.Ok(new { online = await chat.OnlineOperators(RequestUser.Of(user)) })).WithName("OnlineOperators");

        api.MapGet("/channels", async (ClaimsPrincipal user, OperatorChat chat) =>
            TypedResults.Ok(await chat.Channels(RequestUser.Of(user)))).WithName("ChatChannels")
            .WithDescription("The channels that have their own operators: {channel: [userId, ...]}; any other channel is served by everyone.");

        api.MapPut("/channels/{channel}", async (ClaimsPrincipal user, OperatorChat chat, string channel, ChannelBody? body) =>
        {
            await chat.SetChannel(RequestUser.Of(user), channel, body?.OperatorIds);
            return TypedResults.NoContent();
        }).WithName("SetChatChannel").WithDescription("{operatorIds}: only these users take the channel's new conversations in turn; [] lets everyone again. Settings right.");

        api.MapGet("/bridges", async (ClaimsPrincipal user, OperatorChat chat) =>
            TypedResults.Ok(await chat.Bridges(RequestUser.Of(user)))).WithTags("Chat (bridges)").WithName("ChatBridges")
            .WithDescription("Each messenger channel's reply URL: {channel: url}. Settings right.");

        api.MapPut("/bridges/{channel}", async (ClaimsPrincipal user, OperatorChat chat, string channel, BridgeBody? body) =>
        {
            if (string.IsNullOrWhiteSpace(body?.ReplyUrl))
                throw CrmException.Invalid("webhook_url_required", "Give the bridge's reply URL: {replyUrl}; DELETE removes it.", "replyUrl");
            await chat.SetBridge(RequestUser.Of(user), channel, body.ReplyUrl);
            return TypedResults.NoContent();
        }).WithTags("Chat (bridges)").WithName("SetChatBridge")
            .WithDescription("{replyUrl}: operators' replies and the conversation's end on this channel are posted there (signed, retried, like webhooks). Settings right.");

        api.MapDelete("/bridges/{channel}", async (ClaimsPrincipal user, OperatorChat chat, string channel) =>
        {
            await chat.SetBridge(RequestUser.Of(user), channel, null);
            return TypedResults.NoContent();
        }).WithTags("Chat (bridges)").WithName("DeleteChatBridge").WithDescription("The channel's bridge reads replies itself again. Settings right.");

        api.MapPost("/inbound", async (ClaimsPrincipal user, VisitorChat chat, InboundBody? body) =>
        {
            var caller = RequestUser.Of(user);
            if (body is null) throw CrmException.Invalid("body_required", "Send the message: {channel, externalUserId, text, name?, email?, phone?}.");
            var channel = ChatRules.Channel(body.Channel);
            if (channel == ChatRules.SiteChannel) throw CrmException.Invalid("invalid_channel", "'site' is the website chat's own channel; name the messenger.", "channel");
            var external = body.ExternalUserId?.Trim() ?? "";
            if (external.Length is 0 or > 200 || external.Any(char.IsControl))
                throw CrmException.Invalid("invalid_external_user", "Name the messenger's user: 1 to 200 characters.", "externalUserId");
            var conversation = await chat.Relay(new ChatSession(caller.PortalId, $"{channel}:{external}"),
                new VisitorMessage(body.Text ?? "", body.Name, body.Email, body.Phone), channel);
            return TypedResults.Ok(conversation);
        }).WithTags("Chat (bridges)").WithName("InboundChatMessage")
            .WithDescription("A messenger bridge posts a user's message: {channel, externalUserId, text, name?, email?, phone?}; same flow as the website chat.");
    }

    private static string VisitorOrAddress(HttpContext context)
    {
        try
        {
            return context.RequestServices.GetRequiredService<ChatSessions>().Of(context.Request).VisitorKey;
        }
        catch (CrmException)
        {
            return $"{context.Connection.RemoteIpAddress}";
        }
    }

    private static RateLimitPartition<string> PerMinute(string key, int limit) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, limit), Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
        });
}
