using System.Globalization;
using Crm.Grains.Interfaces.Access;
using Crm.Grains.Interfaces.Pipelines;
using Crm.Grains.Interfaces.Portals;
using Crm.Grains.Interfaces.Settings;
using Crm.Web.Api;
using Npgsql;

namespace Crm.Web.Access;

/// <summary>
/// Which rows of a list the acting user may see (built by <see cref="AccessSql"/>); every list query
/// of a record type takes one, so no list, count, total or export includes a record the user could
/// not open. <see cref="Everything"/> is for the system's own reads on behalf of a command already allowed.
/// </summary>
public sealed class ReadableRows(Func<NpgsqlParameterCollection, string>? condition)
{
    private readonly Func<NpgsqlParameterCollection, string>? _condition = condition;

    public static readonly ReadableRows Everything = new(null);

    public static readonly ReadableRows Nothing = new(_ => "FALSE");

    /// <summary>" AND condition" for the list's WHERE clause, adding its parameters.</summary>
    public string Apply(NpgsqlParameterCollection parameters) => _condition is null ? "" : " AND " + _condition(parameters);

    /// <summary>The rows both select (e.g. those the user may read and may export).</summary>
    public ReadableRows And(ReadableRows other) =>
        _condition is null ? other : other._condition is null ? this : new(p => $"{_condition(p)} AND {other._condition(p)}");
}

/// <summary>Builds the <see cref="ReadableRows"/> of each list for a user: the user's rights and, where rights differ per place, the places.</summary>
public sealed class ReadableRowsOf(UserAccess access, IGrainFactory grains)
{
    public async Task<ReadableRows> Leads(RequestUser user, AccessAction action = AccessAction.Read)
    {
        var profile = await access.Of(user);
        if (profile.IsAdmin) return ReadableRows.Everything;
        var statuses = (await grains.GetGrain<ICrmListsGrain>(user.PortalId).GetLeadStatuses()).Select(s => s.Id).ToList();
        return new(p => AccessSql.Rows(profile, AccessEntity.Lead, action, p, null, statuses, "status_id"));
    }

    /// <summary>Deals of one pipeline, or of all the portal's pipelines (rights may differ per pipeline and stage).</summary>
    public async Task<ReadableRows> Deals(RequestUser user, long? pipelineId, AccessAction action = AccessAction.Read)
    {
        var profile = await access.Of(user);
        if (profile.IsAdmin) return ReadableRows.Everything;
        var ids = pipelineId is { } one ? [one] : (await grains.GetGrain<IPortalGrain>(user.PortalId).GetPipelines()).Select(p => p.Id).ToList();
        var pipelines = await Task.WhenAll(ids.Select(id => grains.GetGrain<IPipelineGrain>(GrainKeys.For(user.PortalId, id)).Get()));
        return new(p => "(" + string.Join(" OR ", pipelines.Select(pipeline =>
            $"(pipeline_id = {pipeline.Id.ToString(CultureInfo.InvariantCulture)} AND " +
            $"{AccessSql.Rows(profile, AccessEntity.Deal, action, p, pipeline.Id, pipeline.Stages.Select(s => s.Id).ToList(), "stage_id")})")
            .DefaultIfEmpty("FALSE")) + ")");
    }

    public Task<ReadableRows> Contacts(RequestUser user, AccessAction action = AccessAction.Read) => Simple(user, AccessEntity.Contact, action);

    public Task<ReadableRows> Companies(RequestUser user, AccessAction action = AccessAction.Read) => Simple(user, AccessEntity.Company, action);

    /// <summary>Activities by their own responsible (the record they belong to is checked on its own).</summary>
    public Task<ReadableRows> Activities(RequestUser user, AccessAction action = AccessAction.Read) => Simple(user, AccessEntity.Activity, action);

    /// <summary>The rows of a record type ("lead", "deal", "contact", "company"); deals of every pipeline.</summary>
    public Task<ReadableRows> Of(RequestUser user, string recordKind, AccessAction action = AccessAction.Read) => recordKind switch
    {
        "lead" => Leads(user, action),
        "deal" => Deals(user, null, action),
        "contact" => Contacts(user, action),
        _ => Companies(user, action),
    };

    /// <summary>What a user watching a live board or list may see of it.</summary>
    public async Task<Live.WatcherAccess> Watching(RequestUser user, Live.BoardKey board) => new(await access.Of(user), board.Kind switch
    {
        Live.BoardKind.Leads => await Leads(user),
        Live.BoardKind.Contacts => await Contacts(user),
        Live.BoardKind.Companies => await Companies(user),
        Live.BoardKind.Chat => ReadableRows.Everything, // decided per conversation (Chat.ChatAccess)
        _ => await Deals(user, board.PipelineId),
    });

    private async Task<ReadableRows> Simple(RequestUser user, string entity, AccessAction action)
    {
        var profile = await access.Of(user);
        return profile.IsAdmin ? ReadableRows.Everything : new(p => AccessSql.Rows(profile, entity, action, p));
    }
}
