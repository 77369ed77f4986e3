namespace Crm.Grains.Interfaces.Live;

[GenerateSerializer]
public enum DealChangeKind
{
    Created = 0,
    Updated = 1,
    Moved = 2,
    Deleted = 3,
}
