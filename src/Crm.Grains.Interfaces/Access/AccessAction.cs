namespace Crm.Grains.Interfaces.Access;

/// <summary>What a permission allows doing with records of a type.</summary>
[GenerateSerializer]
public enum AccessAction
{
    Read = 0,
    Add = 1,
    Edit = 2,
    Delete = 3,
    Export = 4,
    Import = 5,
}
