using Crm.Grains.Interfaces.Access;

namespace Crm.Web.Access;

/// <summary>Where a right can be narrowed: a deal pipeline (and one of its stages), or a lead status (<see cref="StageId"/> holds the status id).</summary>
public sealed record RightsPlace(string Entity, long? PipelineId, string? StageId);

/// <summary>
/// A role's rights as the role editor shows them, as in Bitrix24: one scope per record type and
/// action, plus rows for single places (a pipeline, a stage, a lead status) whose cells either
/// override the general scope or are left as it (null). Converts to and from the role's
/// <see cref="Permission"/> list, so the editor never builds permissions itself.
/// </summary>
public sealed class RoleRights
{
    private readonly Dictionary<(string Entity, AccessAction Action), AccessScope> _general = [];
    private readonly List<PlaceRights> _places = [];

    /// <summary>The record types of the matrix, in the order they are shown; settings is a separate yes/no right.</summary>
    public static IReadOnlyList<string> MatrixEntities { get; } = AccessEntity.All.Where(e => e != AccessEntity.Settings).ToList();

    /// <summary>The record types whose rights can be narrowed to places.</summary>
    public static bool HasPlaces(string entity) => entity is AccessEntity.Deal or AccessEntity.Lead;

    /// <summary>The general scope of an action on a record type (none when the role does not give it).</summary>
    public AccessScope this[string entity, AccessAction action]
    {
        get => _general.GetValueOrDefault((entity, action));
        set => _general[(entity, action)] = value;
    }

    /// <summary>Whether the role lets its users change pipelines, selection lists and custom fields.</summary>
    public bool MayChangeSettings
    {
        get => this[AccessEntity.Settings, AccessAction.Edit] == AccessScope.All;
        set => this[AccessEntity.Settings, AccessAction.Edit] = value ? AccessScope.All : AccessScope.None;
    }

    /// <summary>The places with rights of their own, in the order they were added.</summary>
    public IReadOnlyList<PlaceRights> Places => _places;

    /// <summary>The row of a place, added empty (every cell as the general scope) when the role has none yet.</summary>
    public PlaceRights AddPlace(RightsPlace place)
    {
        if (!HasPlaces(place.Entity))
            throw new ArgumentException($"Rights on {place.Entity} cannot be narrowed to a place.", nameof(place));
        if (_places.FirstOrDefault(p => p.Place == place) is { } existing) return existing;
        var row = new PlaceRights(place);
        _places.Add(row);
        return row;
    }

    public void RemovePlace(RightsPlace place) => _places.RemoveAll(p => p.Place == place);

    public static RoleRights From(IEnumerable<Permission> permissions)
    {
        var rights = new RoleRights();
        foreach (var p in permissions)
        {
            if (p.PipelineId is null && p.StageId is null) rights[p.Entity, p.Action] = p.Scope;
            else rights.AddPlace(new RightsPlace(p.Entity, p.PipelineId, p.StageId))[p.Action] = p.Scope;
        }
        return rights;
    }

    /// <summary>
    /// The role's permissions: a general right for every cell above none (a missing right is none),
    /// and a place right for every place cell that is set, none included: "none in this stage" is a real restriction.
    /// </summary>
    public IReadOnlyList<Permission> ToPermissions()
    {
        var general = AccessEntity.All
            .SelectMany(e => AccessEntity.ActionsOf(e).Select(a => new Permission(e, a, this[e, a])))
            .Where(p => p.Scope != AccessScope.None);
        var places = _places.SelectMany(row => AccessEntity.ActionsOf(row.Place.Entity)
            .Where(a => row[a] is not null)
            .Select(a => new Permission(row.Place.Entity, a, row[a]!.Value, row.Place.PipelineId, row.Place.StageId)));
        return [.. general, .. places];
    }
}

/// <summary>The scopes of one place; a null cell leaves the action to the general scope (or, for a stage, to its pipeline's row).</summary>
public sealed class PlaceRights(RightsPlace place)
{
    private readonly Dictionary<AccessAction, AccessScope?> _cells = [];

    public RightsPlace Place { get; } = place;

    public AccessScope? this[AccessAction action]
    {
        get => _cells.GetValueOrDefault(action);
        set => _cells[action] = value;
    }
}
