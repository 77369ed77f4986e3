using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Crm.TestSupport;

/// <summary>A webhook call as the receiver saw it.</summary>
public sealed record ReceivedCall(string Path, string? Signature, string? IdempotencyKey, string? Delivery, string? ContentType, string Body, DateTimeOffset At);

/// <summary>A real HTTP receiver (Kestrel) on 127.0.0.1 that records every call and answers with the status it is told.</summary>
public sealed class TestWebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _calls;

    private TestWebhookReceiver(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public ConcurrentQueue<ReceivedCall> Calls { get; } = new();

    /// <param name="status">Given the call's number (from 1), the status to answer; 200 unless given.</param>
    public static async Task<TestWebhookReceiver> Start(Func<int, int>? status = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        TestWebhookReceiver? self = null;
        app.MapPost("/{**path}", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers;
            self!.Calls.Enqueue(new ReceivedCall(context.Request.Path, headers["X-Crm-Signature"].FirstOrDefault(), headers["Idempotency-Key"].FirstOrDefault(),
                headers["X-Crm-Delivery"].FirstOrDefault(), context.Request.ContentType, body, DateTimeOffset.UtcNow));
            return Results.StatusCode((status ?? (_ => 200))(Interlocked.Increment(ref self._calls)));
        });
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        self = new TestWebhookReceiver(app, address.Port);
        return self;
    }

    public string Url(string path = "hook") => $"http://127.0.0.1:{Port}/{path}";

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
