using System.Net;
using System.Net.Http;
using System.Net.Sockets;

namespace Crm.Silo.Outbox;

/// <summary>A webhook's host resolved only to addresses it may not reach; nothing was sent.</summary>
public sealed class BlockedAddressException(string message) : Exception(message);

/// <summary>
/// The connect step of the webhook HTTP client: resolves the host itself, drops the addresses
/// <see cref="BlockedAddresses"/> refuses (unless the settings allow the host), and connects to a
/// checked address. Checking here rather than when the URL is saved is what stops DNS rebinding: the
/// address judged is the address connected to.
/// </summary>
public sealed class WebhookConnectGuard(WebhookOptions options)
{
    public async ValueTask<Stream> Connect(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host.Trim('[', ']');
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        var allowed = options.Allows(host) ? addresses : addresses.Where(a => BlockedAddresses.Reason(a) is null).ToArray();
        if (allowed.Length == 0)
            throw new BlockedAddressException(addresses.Length == 0 ? $"'{host}' does not resolve to any address."
                : $"Refused to call '{host}': it resolves to {string.Join(", ", addresses.Select(a => $"{a} ({BlockedAddresses.Reason(a)})"))}. "
                  + "Webhooks may not reach loopback, private, link-local or other internal addresses unless "
                  + "Crm:Webhooks:AllowPrivateNetworks or Crm:Webhooks:AllowedHosts allows it. Nothing was sent.");

        Exception? last = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw last!;
    }
}
