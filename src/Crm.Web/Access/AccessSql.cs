using Crm.Grains.Access;
using Crm.Grains.Interfaces.Access;
using Npgsql;

namespace Crm.Web.Access;

/// <summary>
/// The rows of a list a user may see, as SQL conditions on the responsible column (and, where rights
/// differ per stage or status, on that column too), so lists, counts and column totals never include
/// a record the user could not open.
/// </summary>
public static class AccessSql
{
    /// <summary>
    /// The condition for the records of <paramref name="entity"/> the user may do <paramref name="action"/> on: one scope for all (contacts, companies),
    /// or per place (<paramref name="places"/>: the stages of the list's pipeline, or the lead statuses)
    /// held in <paramref name="placeColumn"/>.
    /// </summary>
    public static string Rows(AccessProfile profile, string entity, AccessAction action, NpgsqlParameterCollection parameters,
        long? pipelineId = null, IReadOnlyList<string>? places = null, string placeColumn = "")
    {
        if (places is null || places.Count == 0)
            return Responsible(profile, profile.ScopeOf(entity, action, pipelineId), parameters);
        var groups = places.GroupBy(p => profile.ScopeOf(entity, action, pipelineId, p)).ToList();
        if (groups.Count == 1) return Responsible(profile, groups[0].Key, parameters);
        var any = groups.Where(g => g.Key != AccessScope.None).Select(g =>
        {
            parameters.Add(new() { Value = g.ToArray() });
            return $"({placeColumn} = ANY(${parameters.Count}) AND {Responsible(profile, g.Key, parameters)})";
        }).ToList();
        return any.Count == 0 ? "FALSE" : $"({string.Join(" OR ", any)})";
    }

    private static string Responsible(AccessProfile profile, AccessScope scope, NpgsqlParameterCollection parameters)
    {
        if (profile.ResponsiblesOf(scope) is not { } users) return "TRUE";
        if (users.Count == 0) return "FALSE";
        parameters.Add(new() { Value = users.ToArray() });
        return $"responsible_id = ANY(${parameters.Count})";
    }
}
