namespace Crm.Grains.Interfaces.Pipelines;

/// <summary>What reaching a stage means for a deal (Bitrix24's stage semantics).</summary>
[GenerateSerializer]
public enum StageSemantic
{
    InProgress = 0,
    Won = 1,
    Lost = 2,
}
