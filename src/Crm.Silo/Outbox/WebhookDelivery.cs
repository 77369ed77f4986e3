using System.Net;
using System.Net.Http;
using System.Text;
using Crm.Grains.Outbox;
using Microsoft.Extensions.Options;

namespace Crm.Silo.Outbox;

/// <summary>
/// Calls webhooks: POSTs the message's JSON body, signed with the portal's secret, to its URL, through
/// a client that connects only where <see cref="WebhookConnectGuard"/> allows, follows no redirects and
/// uses no proxy (either would connect somewhere the guard did not judge). The dedupe key goes along as
/// Idempotency-Key and X-Crm-Delivery, so a receiver can drop the repeat a crash may cause.
/// </summary>
public sealed class WebhookDelivery : IOutboxDelivery, IDisposable
{
    private readonly HttpClient _http;
    private readonly WebhookSecrets _secrets;
    private readonly TimeProvider _clock;

    public WebhookDelivery(IOptions<WebhookOptions> options, WebhookSecrets secrets, TimeProvider clock)
    {
        _secrets = secrets;
        _clock = clock;
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = new WebhookConnectGuard(options.Value).Connect,
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            // Re-resolve now and then, so a receiver's changed address is followed (and judged again).
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        };
        _http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(options.Value.TimeoutSeconds) };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("Crm-Webhooks/1");
    }

    public OutboxKind Kind => OutboxKind.Webhook;

    public async Task<DeliveryOutcome> Deliver(ClaimedMessage message, CancellationToken ct)
    {
        var secret = await _secrets.Of(message.PortalId);
        using var request = new HttpRequestMessage(HttpMethod.Post, message.Recipient)
        {
            Content = new StringContent(message.Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Of(secret.Secret, _clock.GetUtcNow().ToUnixTimeSeconds(), message.Body));
        request.Headers.Add("Idempotency-Key", message.DedupeKey);
        request.Headers.Add("X-Crm-Delivery", message.DedupeKey);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            return Judge(response.StatusCode);
        }
        catch (HttpRequestException e) when (Blocked(e) is { } blocked)
        {
            return DeliveryOutcome.Fail(blocked.Message);
        }
        catch (HttpRequestException e)
        {
            return DeliveryOutcome.Retry($"Could not call the webhook: {e.Message}");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return DeliveryOutcome.Retry($"The webhook did not answer within {_http.Timeout.TotalSeconds:0.#} s.");
        }
    }

    private static DeliveryOutcome Judge(HttpStatusCode status)
    {
        var code = (int)status;
        return code switch
        {
            >= 200 and < 300 => DeliveryOutcome.Sent,
            408 or 429 or >= 500 => DeliveryOutcome.Retry($"The webhook answered {code} {status}."),
            >= 300 and < 400 => DeliveryOutcome.Fail($"The webhook answered {code} {status}; redirects are not followed, configure the final URL."),
            _ => DeliveryOutcome.Fail($"The webhook answered {code} {status}."),
        };
    }

    private static BlockedAddressException? Blocked(Exception e)
    {
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
            if (inner is BlockedAddressException blocked) return blocked;
        return null;
    }

    public void Dispose() => _http.Dispose();
}
