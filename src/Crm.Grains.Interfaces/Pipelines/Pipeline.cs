namespace Crm.Grains.Interfaces.Pipelines;

/// <summary>A pipeline (Bitrix24's deal category) with its stages in board order.</summary>
[GenerateSerializer, Immutable, Alias("crm.pipeline")]
public sealed record Pipeline(
    [property: Id(0)] int PortalId,
    [property: Id(1)] long Id,
    [property: Id(2)] string Name,
    [property: Id(3)] IReadOnlyList<Stage> Stages,
    [property: Id(4)] long Version)
{
    /// <summary>Where new deals land.</summary>
    public Stage FirstStage => Stages[0];

    public Stage? FindStage(string stageId) => Stages.FirstOrDefault(s => s.Id == stageId);
}
