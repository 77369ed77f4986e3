namespace Crm.Web.Live;

/// <summary>What a board shows: the deals of a pipeline, or the portal's leads by status.</summary>
public enum BoardKind
{
    Deals,
    Leads,
    Contacts,
    Companies,
    /// <summary>The portal's access settings: watched by the node itself while any user of the portal watches a board.</summary>
    Access,
    /// <summary>The portal's notifications: each watcher passes on only those of its own user.</summary>
    Notifications,
    /// <summary>The portal's activity stream: each watcher passes on only the posts that reach its user.</summary>
    Stream,
    /// <summary>The portal's chat conversations: operators see all; a visitor's watcher passes on its own conversation only.</summary>
    Chat,
}

/// <summary>One live board of a portal (<see cref="PipelineId"/> is 0 for the lead board).</summary>
public readonly record struct BoardKey(int PortalId, long PipelineId, BoardKind Kind = BoardKind.Deals)
{
    public static BoardKey Leads(int portalId) => new(portalId, 0, BoardKind.Leads);

    public static BoardKey Contacts(int portalId) => new(portalId, 0, BoardKind.Contacts);

    public static BoardKey Companies(int portalId) => new(portalId, 0, BoardKind.Companies);

    public static BoardKey Access(int portalId) => new(portalId, 0, BoardKind.Access);

    public static BoardKey Notifications(int portalId) => new(portalId, 0, BoardKind.Notifications);

    public static BoardKey Stream(int portalId) => new(portalId, 0, BoardKind.Stream);

    public static BoardKey Chat(int portalId) => new(portalId, 0, BoardKind.Chat);

    /// <summary>The key of the board's feed grain.</summary>
    public string FeedKey => Kind switch
    {
        BoardKind.Leads => GrainKeys.LeadBoard(PortalId),
        BoardKind.Contacts => GrainKeys.RecordFeed(PortalId, "contacts"),
        BoardKind.Companies => GrainKeys.RecordFeed(PortalId, "companies"),
        BoardKind.Access => GrainKeys.AccessFeed(PortalId),
        BoardKind.Notifications => GrainKeys.NotificationFeed(PortalId),
        BoardKind.Stream => GrainKeys.StreamFeed(PortalId),
        BoardKind.Chat => GrainKeys.ChatFeed(PortalId),
        _ => GrainKeys.For(PortalId, PipelineId),
    };

    public override string ToString() => FeedKey;
}
