using System.Net;
using Crm.Silo.Outbox;

namespace Crm.Silo.Tests.Outbox;

public sealed class BlockedAddressesTests
{
    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.255.0.9", "loopback")]
    [InlineData("10.1.2.3", "private")]
    [InlineData("172.16.0.1", "private")]
    [InlineData("172.31.255.255", "private")]
    [InlineData("192.168.1.1", "private")]
    [InlineData("100.64.0.1", "carrier-grade NAT")]
    [InlineData("169.254.169.254", "metadata")]
    [InlineData("0.0.0.0", "this network")]
    [InlineData("224.0.0.251", "multicast")]
    [InlineData("255.255.255.255", "broadcast")]
    [InlineData("::1", "loopback")]
    [InlineData("::", "unspecified")]
    [InlineData("fc00::1", "unique local")]
    [InlineData("fd12:3456::1", "unique local")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("::ffff:127.0.0.1", "loopback")]
    [InlineData("::ffff:10.0.0.1", "private")]
    [InlineData("::ffff:169.254.169.254", "metadata")]
    [InlineData("64:ff9b::a00:1", "private")]       // NAT64 of 10.0.0.1
    [InlineData("2002:7f00:1::", "loopback")]       // 6to4 of 127.0.0.1
    public void Internal_addresses_are_refused_with_the_reason(string address, string reason) =>
        Assert.Contains(reason, BlockedAddresses.Reason(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]      // just past 172.16/12
    [InlineData("100.128.0.1")]     // just past 100.64/10
    [InlineData("2606:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    public void Public_addresses_are_allowed(string address) =>
        Assert.Null(BlockedAddresses.Reason(IPAddress.Parse(address)));
}
