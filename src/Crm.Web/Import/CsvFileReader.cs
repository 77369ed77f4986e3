using System.Globalization;
using CsvHelper;
using Crm.Grains.Common;

namespace Crm.Web.Import;

/// <summary>
/// Reads an uploaded CSV file (pure: bytes in, rows out). Problems of the whole file (size, encoding,
/// no header, too many rows) are refused with a clear error; problems of one row (bad quoting, more
/// cells than columns) are kept on the row, so the other rows can still be imported. Quoted line
/// breaks are legal CSV and stay in the value.
/// </summary>
public static class CsvFileReader
{
    public const long MaxFileBytes = 50L * 1024 * 1024;
    public const int MaxRows = 200_000;

    public static ImportFile Read(byte[] bytes)
    {
        if (bytes.LongLength > MaxFileBytes)
            throw CrmException.Invalid("file_too_large",
                $"The file has {bytes.LongLength / (1024.0 * 1024):0.#} MB; at most {MaxFileBytes / (1024 * 1024)} MB can be imported at once: split it into smaller files.", "file");
        var text = CsvEncoding.ToUtf8(bytes);
        // A "sep=;" hint line is not data, and spreadsheets do not show it as a row.
        var (separator, skip) = CsvSeparator.Detect(text.Span);

        var malformed = new Dictionary<long, CsvMalformedReason>();
        var options = CsvReaderOptions.Default with
        {
            Separator = separator,
            HasHeader = true,
            DetectSeparatorHint = false,
            SkipEmptyLines = true,
            TrackLineNumbers = true,
            OnMalformedRecord = record => malformed.TryAdd(record.RecordNumber, record.Reason),
        };
        using var reader = CsvReader.Create(text[skip..], options);
        var headers = Headers(reader.Headers);

        var rows = new List<ImportFileRow>();
        var recordNumbers = new List<long>();
        // Lines taken by quoted line breaks so far: a spreadsheet shows such a record as one row.
        var extraLines = reader.Headers.Sum(LineBreaks);
        while (reader.Read())
        {
            var cells = new string[reader.FieldCount];
            var blank = true;
            var lineBreaks = 0;
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = reader.GetString(i);
                blank &= string.IsNullOrWhiteSpace(cells[i]);
                lineBreaks += LineBreaks(cells[i]);
            }
            var row = (int)reader.LineNumber - extraLines;
            extraLines += lineBreaks;
            if (blank) continue; // lines of separators only (",,,") are as empty as empty lines
            if (rows.Count == MaxRows)
                throw CrmException.Invalid("too_many_rows", $"The file has more than {MaxRows:N0} rows; split it into smaller files.", "file");
            rows.Add(new ImportFileRow(row, cells, ExtraCells(cells, headers.Count)));
            recordNumbers.Add(reader.RowNumber + 1); // the reader counts the header as record 1
        }
        if (malformed.ContainsKey(1))
            throw CrmException.Invalid("bad_header", "The header line (the column names) has unbalanced quotes.", "file");
        for (var i = 0; i < rows.Count && malformed.Count > 0; i++)
            if (malformed.Remove(recordNumbers[i], out var reason) && BadQuotes(reason) is { } problem)
                rows[i] = rows[i] with { Problem = problem };
        return new ImportFile(separator, headers, rows);
    }

    /// <summary>The column names: trimmed, "Column N" for empty ones, "Name (2)" for a repeated one.</summary>
    private static IReadOnlyList<string> Headers(IReadOnlyList<string> raw)
    {
        if (raw.Count == 0 || raw.All(string.IsNullOrWhiteSpace))
            throw CrmException.Invalid("header_required", "The file is empty: its first line must name the columns (for example Title, First name, Phone).", "file");
        if (raw.FirstOrDefault(LooksLikeData) is { } value)
            throw CrmException.Invalid("header_required",
                $"The first line must name the columns (for example Title, First name, Phone), but it holds data ('{Shorten(value)}'): add a header line.", "file");
        var names = new List<string>(raw.Count);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < raw.Count; i++)
        {
            var name = raw[i].Trim() is { Length: > 0 } trimmed ? trimmed : $"Column {i + 1}";
            var unique = name;
            for (var n = 2; !seen.Add(unique); n++) unique = $"{name} ({n})";
            names.Add(unique);
        }
        return names;
    }

    /// <summary>A phone number, an e-mail address or a number is a value, not a column name.</summary>
    private static bool LooksLikeData(string cell)
    {
        var text = cell.Trim();
        return text.Length > 0 && (ContactPoints.NormalEmail(text) is not null || ContactPoints.PhoneDigits(text) is not null
            || decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out _));
    }

    /// <summary>Line breaks in a value: CR LF, LF and CR each count once.</summary>
    private static int LineBreaks(string value)
    {
        var count = 0;
        for (var i = 0; i < value.Length; i++)
            if (value[i] == '\n' || (value[i] == '\r' && (i + 1 == value.Length || value[i + 1] != '\n'))) count++;
        return count;
    }

    private static RowError? ExtraCells(string[] cells, int columns)
    {
        for (var i = columns; i < cells.Length; i++)
            if (!string.IsNullOrWhiteSpace(cells[i]))
                return new RowError("extra_cells",
                    $"The row has {cells.Length} cells but the header names {columns} columns: a value that contains the separator must be in quotes.");
        return null;
    }

    private static RowError? BadQuotes(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.UnterminatedQuote => new RowError("bad_quotes",
            "A quote opened in this row is never closed, so the rest of the file was read as one value: close the quote."),
        CsvMalformedReason.TextAfterClosingQuote => new RowError("bad_quotes",
            "A quoted value is followed by more text: quotes inside a quoted value must be doubled (\"say \"\"hi\"\"\")."),
        // A lone quote inside an unquoted value (5" screen) is kept as text, as spreadsheets read it.
        _ => null,
    };

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
