using Crm.Grains.Interfaces.Access;
using Crm.Web.Access;

namespace Crm.Web.Live;

/// <summary>
/// What the user behind a board watcher may see: the rows its column totals count. The system's own
/// watchers (a record card following its record) see <see cref="Everything"/>.
/// </summary>
public sealed record WatcherAccess(AccessProfile? Profile, ReadableRows Rows)
{
    public static readonly WatcherAccess Everything = new(null, ReadableRows.Everything);

    /// <summary>Watchers with the same key see the same rows, so one totals query serves them all.</summary>
    public string Key => Profile is null || Profile.IsAdmin ? "all" : $"{Profile.UserId}/{Profile.Version}";
}
