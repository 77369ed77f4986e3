using System.Globalization;

namespace Crm.Web.Export;

/// <summary>What an exported cell holds, decided once for both writers.</summary>
internal enum ExportKind
{
    Empty,
    Text,
    Number,
    Boolean,
    Date,
    DateTime,
}

/// <summary>
/// A cell value classified for writing: <see cref="Text"/> is a string as given (each writer cleans
/// and neutralises it for its format) or the invariant text of a number; dates keep their value.
/// </summary>
internal readonly record struct ExportValue(ExportKind Kind, string Text = "", bool Boolean = false, DateOnly Date = default, DateTimeOffset DateTime = default)
{
    public static ExportValue Of(object? value, int column) => value switch
    {
        null => new(ExportKind.Empty),
        string s => new(ExportKind.Text, s),
        decimal d => new(ExportKind.Number, d.ToString(CultureInfo.InvariantCulture)),
        int i => new(ExportKind.Number, i.ToString(CultureInfo.InvariantCulture)),
        long l => new(ExportKind.Number, l.ToString(CultureInfo.InvariantCulture)),
        bool b => new(ExportKind.Boolean, Boolean: b),
        DateOnly date => new(ExportKind.Date, Date: date),
        DateTimeOffset at => new(ExportKind.DateTime, DateTime: at),
        // A type nobody decided how to export is a bug in the caller; guessing would hide it.
        _ => throw new ArgumentException($"Column {column + 1}: values of type {value.GetType().Name} cannot be exported; " +
            "use string, decimal, int, long, bool, DateTimeOffset or DateOnly."),
    };

    /// <summary>Checks a row against the header count, so a short or long row cannot shift columns silently.</summary>
    public static void CheckWidth(IReadOnlyList<object?> row, int headers, long rowNumber)
    {
        if (row.Count != headers)
            throw new ArgumentException($"Row {rowNumber} has {row.Count} values for {headers} columns.");
    }
}
