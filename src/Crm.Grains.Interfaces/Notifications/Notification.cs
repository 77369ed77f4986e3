namespace Crm.Grains.Interfaces.Notifications;

/// <summary>
/// A message to one user in the CRM itself (the bell), e.g. from a robot: what happened, and the
/// record it is about (<see cref="RecordType"/> "deal", "lead", … and its id) when there is one.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.notification")]
public sealed record Notification(
    [property: Id(0)] int PortalId,
    [property: Id(1)] long Id,
    [property: Id(2)] int UserId,
    [property: Id(3)] string Kind,
    [property: Id(4)] string Text,
    [property: Id(5)] string? RecordType,
    [property: Id(6)] long? RecordId,
    [property: Id(7)] DateTimeOffset CreatedAt,
    [property: Id(8)] DateTimeOffset? ReadAt = null);

/// <summary>What to tell a user: stored, then sent live to their open views.</summary>
[GenerateSerializer, Immutable, Alias("crm.new-notification")]
public sealed record NewNotification(
    [property: Id(0)] int UserId,
    [property: Id(1)] string Kind,
    [property: Id(2)] string Text,
    [property: Id(3)] string? RecordType = null,
    [property: Id(4)] long? RecordId = null,
    /// <summary>Names the event told (e.g. a robot's run): a second notification with the same key is not stored or sent.</summary>
    [property: Id(5)] string? DedupeKey = null);
