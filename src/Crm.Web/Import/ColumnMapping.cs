namespace Crm.Web.Import;

/// <summary>Which field each column of a file fills (null: the column is ignored).</summary>
public sealed record ColumnMapping(IReadOnlyList<string> Headers, IReadOnlyList<ImportField?> Targets)
{
    /// <summary>The mapped columns, in file order.</summary>
    public IEnumerable<(int Column, ImportField Field)> Mapped
    {
        get
        {
            for (var i = 0; i < Targets.Count; i++)
                if (Targets[i] is { } target) yield return (i, target);
        }
    }

    /// <summary>The header of the (first) column that fills <paramref name="key"/> (or the field a rule's error names), if any does.</summary>
    public string? ColumnOf(string key)
    {
        key = ImportField.KeyOf(key);
        for (var i = 0; i < Targets.Count; i++)
            if (Targets[i]?.Key == key) return Headers[i];
        return null;
    }
}

/// <summary>
/// Maps a file's columns to a record type's fields: suggested from the header names (API names,
/// labels, Bitrix24's export headers; case, spaces and punctuation ignored), then overridden by the
/// user's choices, then checked: every named column exists, a single-value field is filled by one
/// column only, and the record type's required fields are covered.
/// </summary>
public static class ColumnMapper
{
    public static ColumnMapping Suggest(IReadOnlyList<string> headers, ImportFieldSet set)
    {
        var targets = new ImportField?[headers.Count];
        var taken = new HashSet<string>();
        // Names and labels first, other names after: "First name" wins over "Name" for the first name.
        foreach (var byAlias in new[] { false, true })
            for (var i = 0; i < headers.Count; i++)
            {
                if (targets[i] is not null) continue;
                var name = Normal(headers[i]);
                var field = set.Fields.FirstOrDefault(f => (f.Repeatable || !taken.Contains(f.Key))
                    && (byAlias ? f.Headers.Any(h => Normal(h) == name) : Normal(f.Key) == name || Normal(f.Label) == name));
                if (field is null) continue;
                targets[i] = field;
                taken.Add(field.Key);
            }
        return new ColumnMapping(headers, targets);
    }

    /// <summary>
    /// The suggestion with the user's choices applied: header name to field key, or to null (or "")
    /// to ignore the column. A chosen field is taken away from a column it was only suggested for.
    /// </summary>
    public static ColumnMapping Resolve(IReadOnlyList<string> headers, ImportFieldSet set, IReadOnlyDictionary<string, string?>? chosen)
    {
        var targets = Suggest(headers, set).Targets.ToArray();
        var explicitly = new bool[headers.Count];
        foreach (var (header, key) in chosen ?? new Dictionary<string, string?>())
        {
            var column = ColumnIndex(headers, header);
            var field = string.IsNullOrWhiteSpace(key) ? null : set.Find(key.Trim())
                ?? throw CrmException.Invalid("unknown_field",
                    $"'{key}' is not a field of a {set.RecordName}; use one of {string.Join(", ", set.Fields.Select(f => f.Key))}.", "mapping");
            targets[column] = field;
            explicitly[column] = true;
        }
        for (var i = 0; i < targets.Length; i++)
            if (!explicitly[i] && targets[i] is { Repeatable: false } suggested
                && Enumerable.Range(0, targets.Length).Any(j => explicitly[j] && targets[j]?.Key == suggested.Key))
                targets[i] = null;
        var mapping = new ColumnMapping(headers, targets);
        Check(mapping, set);
        return mapping;
    }

    private static void Check(ColumnMapping mapping, ImportFieldSet set)
    {
        foreach (var group in mapping.Mapped.GroupBy(m => m.Field.Key).Where(g => !g.First().Field.Repeatable && g.Count() > 1))
        {
            var columns = group.Select(m => $"'{mapping.Headers[m.Column]}'").ToList();
            throw CrmException.Invalid("duplicate_mapping",
                $"Columns {string.Join(" and ", columns)} all fill '{group.First().Field.Label}'; map only one of them.", "mapping");
        }
        if (!mapping.Mapped.Any(m => set.NeedsOneOf.Contains(m.Field.Key)))
        {
            var needed = set.NeedsOneOf.Select(k => set.Find(k)!.Label).ToList();
            var list = needed.Count == 1 ? needed[0] : string.Join(", ", needed[..^1]) + " or " + needed[^1];
            throw CrmException.Invalid("missing_columns",
                $"No column fills {list}: a {set.RecordName} needs {(needed.Count == 1 ? "it" : "one of them")}. Name a column so, or map one to it. The file's columns are: {string.Join(", ", mapping.Headers)}.", "mapping");
        }
    }

    private static int ColumnIndex(IReadOnlyList<string> headers, string header)
    {
        for (var i = 0; i < headers.Count; i++)
            if (headers[i] == header) return i;
        for (var i = 0; i < headers.Count; i++)
            if (string.Equals(headers[i], header.Trim(), StringComparison.OrdinalIgnoreCase)) return i;
        throw CrmException.Invalid("unknown_column",
            $"The mapping names a column '{header}' that the file does not have; its columns are: {string.Join(", ", headers)}.", "mapping");
    }

    /// <summary>Letters and digits, lower case: "Work E-mail", "work_email" and "workEmail" are one name.</summary>
    public static string Normal(string name) => new(name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
}
