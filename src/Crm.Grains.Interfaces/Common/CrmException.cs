namespace Crm.Grains.Interfaces.Common;

/// <summary>
/// A refused command. Grains throw it before changing anything; it crosses the Orleans wire intact,
/// so the web layer can answer with the right status and the same message.
/// </summary>
[GenerateSerializer, Alias("crm.error")]
public sealed class CrmException : Exception
{
    public CrmException(CrmErrorKind kind, string code, string message, string? field = null) : base(message)
    {
        Kind = kind;
        Code = code;
        Field = field;
    }

    /// <summary>Broad category, mapped to a status code.</summary>
    [Id(0)] public CrmErrorKind Kind { get; }

    /// <summary>Stable machine-readable code, e.g. <c>stage_not_in_pipeline</c>.</summary>
    [Id(1)] public string Code { get; }

    /// <summary>The input field at fault, when there is one.</summary>
    [Id(2)] public string? Field { get; }

    public static CrmException Invalid(string code, string message, string? field = null) =>
        new(CrmErrorKind.Invalid, code, message, field);

    public static CrmException NotFound(string code, string message) =>
        new(CrmErrorKind.NotFound, code, message);

    public static CrmException Conflict(string code, string message) =>
        new(CrmErrorKind.Conflict, code, message);

    public static CrmException Forbidden(string code, string message) =>
        new(CrmErrorKind.Forbidden, code, message);
}
