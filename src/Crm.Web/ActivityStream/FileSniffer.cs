using System.Text;

namespace Crm.Web.ActivityStream;

/// <summary>
/// Decides what an uploaded file really is from its first bytes, and refuses one whose bytes do not
/// match its name (a page or a program named photo.png), so a file served back from the CRM is
/// always what it says. Only common office kinds are taken: images, PDF, office documents, text.
/// </summary>
public static class FileSniffer
{
    /// <summary>How many leading bytes <see cref="Sniff"/> needs.</summary>
    public const int HeadLength = 4096;

    private sealed record Kind(string ContentType, Func<byte[], bool> Matches);

    private static readonly byte[] Zip = "PK\u0003\u0004"u8.ToArray();
    private static readonly byte[] Ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    private static readonly Dictionary<string, Kind> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".png"] = new("image/png", h => StartsWith(h, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])),
        [".jpg"] = new("image/jpeg", h => StartsWith(h, [0xFF, 0xD8, 0xFF])),
        [".jpeg"] = new("image/jpeg", h => StartsWith(h, [0xFF, 0xD8, 0xFF])),
        [".gif"] = new("image/gif", h => StartsWith(h, "GIF87a"u8) || StartsWith(h, "GIF89a"u8)),
        [".webp"] = new("image/webp", h => StartsWith(h, "RIFF"u8) && h.Length >= 12 && h.AsSpan(8, 4).SequenceEqual("WEBP"u8)),
        [".pdf"] = new("application/pdf", h => StartsWith(h, "%PDF-"u8)),
        [".docx"] = new("application/vnd.openxmlformats-officedocument.wordprocessingml.document", h => StartsWith(h, Zip)),
        [".xlsx"] = new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", h => StartsWith(h, Zip)),
        [".pptx"] = new("application/vnd.openxmlformats-officedocument.presentationml.presentation", h => StartsWith(h, Zip)),
        [".odt"] = new("application/vnd.oasis.opendocument.text", h => StartsWith(h, Zip)),
        [".ods"] = new("application/vnd.oasis.opendocument.spreadsheet", h => StartsWith(h, Zip)),
        [".zip"] = new("application/zip", h => StartsWith(h, Zip)),
        [".doc"] = new("application/msword", h => StartsWith(h, Ole)),
        [".xls"] = new("application/vnd.ms-excel", h => StartsWith(h, Ole)),
        [".txt"] = new("text/plain; charset=utf-8", IsPlainText),
        [".csv"] = new("text/csv; charset=utf-8", IsPlainText),
    };

    /// <summary>The content type to store and serve the file with; refused with a clear reason otherwise.</summary>
    public static string Sniff(string fileName, byte[] head)
    {
        var extension = Path.GetExtension(fileName);
        if (!ByExtension.TryGetValue(extension, out var kind))
            throw CrmException.Invalid("unsupported_file_type",
                $"Files of type '{extension}' are not taken; attach {string.Join(", ", ByExtension.Keys)}.", "file");
        if (head.Length == 0) throw CrmException.Invalid("file_empty", "The file is empty.", "file");
        if (!kind.Matches(head))
            throw CrmException.Invalid("disguised_file_type", $"'{fileName}' is not really a {extension} file: its contents do not match its name.", "file");
        return kind.ContentType;
    }

    private static bool StartsWith(byte[] head, ReadOnlySpan<byte> signature) => head.AsSpan().StartsWith(signature);

    /// <summary>UTF-8 text without control bytes, and not a web page or script in disguise.</summary>
    private static bool IsPlainText(byte[] head)
    {
        if (head.Any(b => b == 0 || b < 0x09 || b is > 0x0D and < 0x20)) return false;
        string text;
        try
        {
            // The head may cut a character in two at its end: ignore a short tail.
            text = new UTF8Encoding(false, true).GetString(head, 0, TrimIncomplete(head));
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
        var start = text.TrimStart().ToLowerInvariant();
        return !(start.StartsWith("<!doctype", StringComparison.Ordinal) || start.StartsWith("<html", StringComparison.Ordinal)
            || start.StartsWith("<svg", StringComparison.Ordinal) || start.StartsWith("<?xml", StringComparison.Ordinal)
            || text.Contains("<script", StringComparison.OrdinalIgnoreCase));
    }

    private static int TrimIncomplete(byte[] head)
    {
        if (head.Length < HeadLength) return head.Length;
        var end = head.Length;
        // Step back over continuation bytes to the start of the last character; drop it if cut.
        var i = end - 1;
        while (i > end - 4 && (head[i] & 0xC0) == 0x80) i--;
        var lead = head[i];
        var needed = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
        return end - i < needed ? i : end;
    }
}
