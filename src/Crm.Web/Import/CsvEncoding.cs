using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Crm.Web.Import;

/// <summary>
/// Turns an uploaded file into UTF-8 bytes without a byte-order mark. UTF-8 (with or without BOM) and
/// UTF-16 with a BOM are accepted; anything else is refused with the line of the first byte that is
/// not text, since guessing a legacy code page silently turns "é" into something else.
/// </summary>
public static class CsvEncoding
{
    private const string SaveAs = "save it as \"CSV UTF-8\" (Excel: File > Save As > CSV UTF-8) and upload it again";

    public static ReadOnlyMemory<byte> ToUtf8(byte[] bytes)
    {
        var span = bytes.AsSpan();
        if (span.StartsWith("PK\u0003\u0004"u8))
            throw CrmException.Invalid("not_csv", $"This is an Excel workbook (or another zip file), not a CSV file: {SaveAs}.", "file");
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            return CheckUtf8(bytes.AsMemory(3));
        if (span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
            return FromUtf16(bytes.AsMemory(2), bigEndian: false);
        if (span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            return FromUtf16(bytes.AsMemory(2), bigEndian: true);
        return CheckUtf8(bytes);
    }

    private static ReadOnlyMemory<byte> CheckUtf8(ReadOnlyMemory<byte> bytes)
    {
        var span = bytes.Span;
        if (!Utf8.IsValid(span))
        {
            var offset = FirstInvalidUtf8(span);
            throw CrmException.Invalid("wrong_encoding",
                $"Line {LineAt(span, offset)} is not UTF-8 text (byte 0x{span[offset]:X2}); the file is probably in a legacy encoding such as Windows-1252: {SaveAs}.", "file");
        }
        var nul = span.IndexOf((byte)0);
        if (nul >= 0)
            throw CrmException.Invalid("wrong_encoding",
                $"Line {LineAt(span, nul)} contains NUL bytes, as UTF-16 text without a byte-order mark does: {SaveAs}.", "file");
        return bytes;
    }

    private static ReadOnlyMemory<byte> FromUtf16(ReadOnlyMemory<byte> bytes, bool bigEndian)
    {
        string text;
        try
        {
            text = new UnicodeEncoding(bigEndian, byteOrderMark: false, throwOnInvalidBytes: true).GetString(bytes.Span);
        }
        catch (DecoderFallbackException)
        {
            // Decode again with replacement characters to find the line of the first bad code unit.
            var lenient = new UnicodeEncoding(bigEndian, byteOrderMark: false, throwOnInvalidBytes: false).GetString(bytes.Span);
            var bad = lenient.IndexOf('\uFFFD');
            var line = bad < 0 ? 1 : lenient.AsSpan(0, bad).Count('\n') + 1;
            throw CrmException.Invalid("wrong_encoding", $"Line {line} is not valid UTF-16 text: {SaveAs}.", "file");
        }
        return CheckUtf8(Encoding.UTF8.GetBytes(text));
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> span)
    {
        var buffer = ArrayPool<char>.Shared.Rent(16 * 1024);
        try
        {
            var consumed = 0;
            while (true)
            {
                var status = Utf8.ToUtf16(span[consumed..], buffer, out var read, out _, replaceInvalidSequences: false);
                consumed += read;
                if (status != OperationStatus.DestinationTooSmall) return Math.Min(consumed, span.Length - 1);
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private static int LineAt(ReadOnlySpan<byte> span, int offset) => span[..offset].Count((byte)'\n') + 1;
}
