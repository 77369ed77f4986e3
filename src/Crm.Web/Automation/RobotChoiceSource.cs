using Crm.Grains.Interfaces.Access;
using Crm.Grains.Interfaces.Common;
using Crm.Grains.Interfaces.Pipelines;
using Crm.Grains.Interfaces.Portals;
using Crm.Grains.Interfaces.Settings;
using Crm.Web.Access;
using Crm.Web.Api;

namespace Crm.Web.Automation;

/// <summary>Gathers the <see cref="RobotChoices"/> of a board for the editor.</summary>
public sealed class RobotChoiceSource(IGrainFactory grains, RobotFieldList fields, UserQueries users)
{
    public async Task<RobotChoices> For(RequestUser user, RobotBoard board)
    {
        var pipelines = new List<PipelineChoice>();
        foreach (var summary in await grains.GetGrain<IPortalGrain>(user.PortalId).GetPipelines())
        {
            var pipeline = await grains.GetGrain<IPipelineGrain>(GrainKeys.For(user.PortalId, summary.Id)).Get();
            pipelines.Add(new PipelineChoice(pipeline.Id, pipeline.Name, pipeline.Stages.Select(s => new ListItem(s.Id, s.Name)).ToList()));
        }
        var access = await grains.GetGrain<IAccessGrain>(user.PortalId).Get();
        return new RobotChoices(board.RecordKind,
            await fields.Of(user, board.RecordKind),
            board.Stages.Select(s => new ListItem(s.StageId, s.Name)).ToList(),
            pipelines,
            (await users.List(user.PortalId)).Where(u => u.IsActive).Select(u => new UserChoice(u.Id, u.DisplayName)).ToList(),
            access.Departments.Select(d => new UserChoice(d.Id, d.Name)).ToList());
    }
}
