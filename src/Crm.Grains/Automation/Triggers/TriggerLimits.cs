namespace Crm.Grains.Automation.Triggers;

/// <summary>The bounds trigger checks enforce.</summary>
public static class TriggerLimits
{
    public const int MaxTriggersPerStage = 20;
    public const int MaxIdLength = 32;
    public const int MaxNameLength = 100;
    public const int MaxCodeLength = 32;
    /// <summary>A form id or chat channel.</summary>
    public const int MaxKeyLength = 64;
    /// <summary>An event names at most this many records; an address shared by more is not one client's.</summary>
    public const int MaxRecordsPerEvent = 100;
    public const int MaxNoteLength = 200;
}
