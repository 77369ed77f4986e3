using Crm.Grains.Interfaces.CustomFields;

namespace Crm.Web.Import;

/// <summary>
/// One row's values by field key, after the cell checks, each with the column it came from, so that
/// an error of the record's rules ("phones[1].value", "address.city") can name the column at fault.
/// </summary>
public sealed class RowValues
{
    private static readonly char[] ListSeparators = [',', ';', '\n', '\r'];
    private readonly Dictionary<string, (string Value, string Column)> _values = [];
    private readonly List<(ContactPoint Point, string Column)> _phones = [];
    private readonly List<(ContactPoint Point, string Column)> _emails = [];
    private readonly List<(CustomField Field, string Cell)> _custom = [];

    private RowValues(int row) => Row = row;

    /// <summary>The row's number in the file (see <see cref="ImportFile"/>).</summary>
    public int Row { get; }

    public IReadOnlyList<ContactPoint> Phones => _phones.Select(p => p.Point).ToList();

    public IReadOnlyList<ContactPoint> Emails => _emails.Select(p => p.Point).ToList();

    /// <summary>The mapped custom fields and their cells, as written (see <see cref="CustomCells"/>).</summary>
    public IReadOnlyList<(CustomField Field, string Cell)> Custom => _custom;

    /// <summary>The value of a field; empty when no column fills it.</summary>
    public string this[string key] => _values.TryGetValue(key, out var v) ? v.Value : "";

    /// <summary>
    /// Reads the mapped cells of a row. Refuses the row (<see cref="RowRefused"/>) when the reader
    /// found it malformed, or a cell is too long or a formula.
    /// </summary>
    public static RowValues Of(ImportFileRow row, ColumnMapping mapping)
    {
        var values = new RowValues(row.Row);
        if (row.Problem is { } problem)
            throw new RowRefused(problem);
        foreach (var (column, field) in mapping.Mapped)
        {
            var cell = row.Cell(column);
            var header = mapping.Headers[column];
            if (CellRules.Check(cell, header) is { } error)
                throw new RowRefused(error);
            switch (field.Value)
            {
                case ImportValue.Phone:
                    values._phones.AddRange(Split(cell).Select(v => (new ContactPoint(v, field.PointType!.Value), header)));
                    break;
                case ImportValue.Email:
                    values._emails.AddRange(Split(cell).Select(v => (new ContactPoint(v, field.PointType!.Value), header)));
                    break;
                case ImportValue.Custom:
                    values._custom.Add((field.Custom!, cell));
                    values._values[field.Key] = (cell, header);
                    break;
                default:
                    values._values[field.Key] = (cell, header);
                    break;
            }
        }
        return values;
    }

    /// <summary>The column of a field as the record's rules name it: "title", "utm.source", "phones[2].value", "custom.UF_CRM_3".</summary>
    public string? ColumnOf(string? field)
    {
        if (field is null) return null;
        if (_values.TryGetValue(ImportField.KeyOf(field), out var v)) return v.Column;
        var list = field.StartsWith("phones", StringComparison.Ordinal) ? _phones
            : field.StartsWith("emails", StringComparison.Ordinal) ? _emails
            : null;
        if (list is null || list.Count == 0) return null;
        var open = field.IndexOf('[');
        var close = field.IndexOf(']');
        return open > 0 && close > open && int.TryParse(field.AsSpan(open + 1, close - open - 1), out var index) && index < list.Count
            ? list[index].Column
            : list[0].Column;
    }

    /// <summary>The error of a refused row, naming its column.</summary>
    public static RowError ErrorOf(CrmException e, RowValues? values) =>
        new(e.Code, e.Message, values?.ColumnOf(e.Field));

    private static IEnumerable<string> Split(string cell) =>
        cell.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>A row refused before its record is built (bad quoting, a cell too long or a formula).</summary>
public sealed class RowRefused(RowError error) : Exception(error.Message)
{
    public RowError Error { get; } = error;
}
