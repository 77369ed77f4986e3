using System.Net;
using System.Net.Sockets;

namespace Crm.Silo.Outbox;

/// <summary>
/// Addresses a webhook may not connect to unless allowed: everything that is not the public internet.
/// IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4) are judged by that address.
/// </summary>
public static class BlockedAddresses
{
    private static readonly (IPNetwork Network, string Name)[] V4 =
    [
        (IPNetwork.Parse("0.0.0.0/8"), "this network"),
        (IPNetwork.Parse("10.0.0.0/8"), "private"),
        (IPNetwork.Parse("100.64.0.0/10"), "carrier-grade NAT"),
        (IPNetwork.Parse("127.0.0.0/8"), "loopback"),
        (IPNetwork.Parse("169.254.0.0/16"), "link-local, cloud metadata"),
        (IPNetwork.Parse("172.16.0.0/12"), "private"),
        (IPNetwork.Parse("192.0.0.0/24"), "protocol assignments"),
        (IPNetwork.Parse("192.168.0.0/16"), "private"),
        (IPNetwork.Parse("198.18.0.0/15"), "benchmarking"),
        (IPNetwork.Parse("224.0.0.0/4"), "multicast"),
        (IPNetwork.Parse("240.0.0.0/4"), "reserved, broadcast"),
    ];

    private static readonly (IPNetwork Network, string Name)[] V6 =
    [
        (IPNetwork.Parse("::/128"), "unspecified"),
        (IPNetwork.Parse("::1/128"), "loopback"),
        (IPNetwork.Parse("fc00::/7"), "unique local"),
        (IPNetwork.Parse("fe80::/10"), "link-local"),
        (IPNetwork.Parse("fec0::/10"), "site-local"),
        (IPNetwork.Parse("ff00::/8"), "multicast"),
    ];

    private static readonly IPNetwork Compatible = IPNetwork.Parse("::/96");
    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    /// <summary>Why the address is refused ("loopback", "private", …), or null when it is public.</summary>
    public static string? Reason(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
            return V4.FirstOrDefault(r => r.Network.Contains(address)).Name;
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return "not an internet address";
        if (address.IsIPv4MappedToIPv6) return Reason(address.MapToIPv4());
        if (V6.FirstOrDefault(r => r.Network.Contains(address)).Name is { } name) return name;
        var bytes = address.GetAddressBytes();
        if (Compatible.Contains(address) || Nat64.Contains(address)) return Reason(new IPAddress(bytes.AsSpan(12, 4)));
        if (SixToFour.Contains(address)) return Reason(new IPAddress(bytes.AsSpan(2, 4)));
        return null;
    }
}
