namespace Crm.Web.Hosting;

/// <summary>
/// Crm:Mode. "combined" (default): this process is a web node and a silo. "web": a web node only,
/// an Orleans client of silos started separately (Crm.Silo) on the same database.
/// </summary>
public enum HostingMode
{
    Combined,
    Web,
}
