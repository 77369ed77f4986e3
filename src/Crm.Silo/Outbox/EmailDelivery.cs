using System.Security.Cryptography;
using System.Text;
using Crm.Grains.Outbox;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Crm.Silo.Outbox;

/// <summary>
/// Sends e-mail through the configured SMTP server (MailKit). Each message carries a Message-ID made
/// from its dedupe key, the same on every attempt, so a mailbox that receives a repeat (a crash between
/// sending and recording it) can tell it is one.
/// </summary>
public sealed class EmailDelivery(IOptions<SmtpOptions> options) : IOutboxDelivery
{
    private readonly SmtpOptions _smtp = options.Value;

    public OutboxKind Kind => OutboxKind.Email;

    public async Task<DeliveryOutcome> Deliver(ClaimedMessage message, CancellationToken ct)
    {
        if (!_smtp.IsConfigured)
            return DeliveryOutcome.Held("No SMTP server is configured (Crm:Smtp:Host); the e-mail is kept until one is and it is retried.");
        if (!MailboxAddress.TryParse(_smtp.From, out var from))
            return DeliveryOutcome.Held("Crm:Smtp:From is not set to a sender address; the e-mail is kept until it is and it is retried.");

        var mail = Compose(message, from);
        using var client = new SmtpClient { Timeout = (int)TimeSpan.FromSeconds(_smtp.TimeoutSeconds).TotalMilliseconds };
        try
        {
            var security = _smtp.UseTls ? SecureSocketOptions.SslOnConnect : _smtp.StartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None;
            await client.ConnectAsync(_smtp.Host, _smtp.Port ?? (_smtp.UseTls ? 465 : 587), security, ct);
            if (!string.IsNullOrEmpty(_smtp.User)) await client.AuthenticateAsync(_smtp.User, _smtp.Password ?? "", ct);
            await client.SendAsync(mail, ct);
            await client.DisconnectAsync(quit: true, ct);
            return DeliveryOutcome.Sent;
        }
        catch (SmtpCommandException e) when ((int)e.StatusCode >= 500 && e.ErrorCode != SmtpErrorCode.UnexpectedStatusCode)
        {
            // 5xx for this recipient or message: the server will refuse it again.
            return DeliveryOutcome.Fail($"The SMTP server refused the e-mail ({(int)e.StatusCode}): {e.Message}");
        }
        catch (SmtpCommandException e)
        {
            return DeliveryOutcome.Retry($"The SMTP server answered {(int)e.StatusCode}: {e.Message}");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Connection, TLS, sign-in and protocol trouble: the server or the network may recover.
            return DeliveryOutcome.Retry($"Could not send through {_smtp.Host}: {e.Message}");
        }
    }

    private static MimeMessage Compose(ClaimedMessage message, MailboxAddress from)
    {
        var mail = new MimeMessage { Subject = message.Subject ?? "", MessageId = MessageId(message.PortalId, message.DedupeKey, from.Domain) };
        mail.From.Add(from);
        mail.To.Add(MailboxAddress.Parse(message.Recipient));
        mail.Headers.Add("X-Crm-Delivery", message.DedupeKey);
        mail.Body = new TextPart("plain") { Text = message.Body };
        return mail;
    }

    /// <summary>The same id for every attempt at one message: a hash of its portal and dedupe key, at the sender's domain.</summary>
    public static string MessageId(int portalId, string dedupeKey, string domain)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{portalId}\n{dedupeKey}"));
        return $"{Convert.ToHexStringLower(hash.AsSpan(0, 16))}.outbox@{(domain.Length > 0 ? domain : "crm.invalid")}";
    }
}
