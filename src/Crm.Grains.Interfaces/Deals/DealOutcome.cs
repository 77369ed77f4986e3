namespace Crm.Grains.Interfaces.Deals;

/// <summary>How a deal is closed.</summary>
[GenerateSerializer]
public enum DealOutcome
{
    Won = 0,
    Lost = 1,
}
