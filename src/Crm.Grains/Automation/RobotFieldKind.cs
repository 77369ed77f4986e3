namespace Crm.Grains.Automation;

/// <summary>What a field robots use holds; it decides how conditions compare it and which operators fit.</summary>
public enum RobotFieldKind
{
    Text = 0,
    Number = 1,
    /// <summary>A custom money value "12.50|USD"; conditions compare the amount.</summary>
    Money = 2,
    /// <summary>A calendar date, yyyy-MM-dd; as a time it is the start of that day in the portal's time zone.</summary>
    Date = 3,
    /// <summary>An instant, ISO 8601 in UTC (yyyy-MM-ddTHH:mm:ssZ).</summary>
    DateTime = 4,
    Boolean = 5,
    /// <summary>An item id of a list (a stage, a status, a source, a custom list's item).</summary>
    List = 6,
    /// <summary>A user id.</summary>
    User = 7,
}
