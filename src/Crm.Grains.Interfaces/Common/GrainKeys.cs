namespace Crm.Grains.Interfaces.Common;

/// <summary>
/// Every grain key carries the portal, so no call can reach another company's records.
/// Keys are "{portal}/{id}" strings; this is the one place that builds and parses them.
/// </summary>
public static class GrainKeys
{
    public static string For(int portalId, long id) => $"{portalId}/{id}";

    public static string For(int portalId, string name) => $"{portalId}/{name}";

    /// <summary>The key of the live feed of a portal's leads (deal boards are keyed by pipeline).</summary>
    public static string LeadBoard(int portalId) => For(portalId, "leads");

    /// <summary>The key of the live feed of a portal's records of one kind ("contacts", "companies").</summary>
    public static string RecordFeed(int portalId, string kind) => For(portalId, kind);

    /// <summary>The key of the live feed announcing changes of a portal's access settings.</summary>
    public static string AccessFeed(int portalId) => For(portalId, "access");

    /// <summary>The key of the live feed of a portal's notifications (each node passes one on to its recipient's views only).</summary>
    public static string NotificationFeed(int portalId) => For(portalId, "notifications");

    /// <summary>The key of the live feed of a portal's activity stream (each node passes a post on to its audience only).</summary>
    public static string StreamFeed(int portalId) => For(portalId, "stream");

    /// <summary>The key of the live feed of a portal's chat conversations (operators see all; a visitor's view passes on its own only).</summary>
    public static string ChatFeed(int portalId) => For(portalId, "chat");

    public static (int PortalId, long Id) Parse(string key)
    {
        var slash = key.IndexOf('/');
        if (slash <= 0 || !int.TryParse(key.AsSpan(0, slash), out var portal) || !long.TryParse(key.AsSpan(slash + 1), out var id))
            throw new FormatException($"'{key}' is not a portal/id grain key.");
        return (portal, id);
    }

    public static (int PortalId, string Name) ParseNamed(string key)
    {
        var slash = key.IndexOf('/');
        if (slash <= 0 || !int.TryParse(key.AsSpan(0, slash), out var portal))
            throw new FormatException($"'{key}' is not a portal/name grain key.");
        return (portal, key[(slash + 1)..]);
    }
}
