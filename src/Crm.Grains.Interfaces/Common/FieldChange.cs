namespace Crm.Grains.Interfaces.Common;

/// <summary>One field's old and new value, as shown on a timeline (values rendered as invariant text).</summary>
[GenerateSerializer, Immutable]
public sealed record FieldChange(
    [property: Id(0)] string Field,
    [property: Id(1)] string? Old,
    [property: Id(2)] string? New);
