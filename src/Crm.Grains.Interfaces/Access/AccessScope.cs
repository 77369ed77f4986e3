namespace Crm.Grains.Interfaces.Access;

/// <summary>
/// Whose records a permission reaches, by the record's responsible user (as in Bitrix24). Ordered:
/// a wider scope includes every narrower one, so several roles combine by taking the widest.
/// </summary>
[GenerateSerializer]
public enum AccessScope
{
    None = 0,
    /// <summary>Records the user is responsible for.</summary>
    Own = 1,
    /// <summary>Records whose responsible is in one of the user's departments.</summary>
    Department = 2,
    /// <summary>Records whose responsible is in one of the user's departments or a department below them.</summary>
    DepartmentAndSub = 3,
    All = 4,
}
