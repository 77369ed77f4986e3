namespace Crm.Silo.Hosting;

/// <summary>
/// How a process joins the CRM cluster; bound from the "Crm:Cluster" configuration section.
/// Every silo and web node of one deployment uses the same database and ClusterId.
/// </summary>
public sealed class ClusterSettings
{
    public const string Section = "Crm:Cluster";

    /// <summary>
    /// Part of every stored grain row's identity: changing it orphans stored state, so it is fixed.
    /// </summary>
    public const string ServiceId = "crm";

    /// <summary>Names one deployment in the membership table; silos and web nodes must agree.</summary>
    public string ClusterId { get; set; } = "crm";

    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port external clients (web nodes in "web" mode) connect to.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other nodes reach this silo at (a container's host name resolves to it in compose).</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>Listen on every interface (containers) instead of only the advertised address.</summary>
    public bool ListenOnAnyAddress { get; set; }
}
