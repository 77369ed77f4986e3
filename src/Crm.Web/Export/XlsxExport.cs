using System.IO.Compression;

namespace Crm.Web.Export;

/// <summary>
/// Writes rows as an xlsx workbook with one sheet, "Export": a bold, frozen header row; numbers,
/// booleans and dates (with a date format) as typed cells; strings as inline strings, neutralised.
/// </summary>
/// <remarks>
/// The Open XML SDK's package needs a seekable, readable stream (it cannot create a package on a
/// write-only one), and, opened for read and write, the zip layer holds every part uncompressed in
/// memory until the file is closed: a 100,000-row sheet would sit in memory whole. So the SDK makes
/// the small parts once (<see cref="XlsxPackage"/>), and each export writes a zip of its own to a
/// temporary file: those parts copied, then the sheet streamed through <see cref="XlsxSheet"/>,
/// compressed as it goes. The file is then copied to <c>output</c> with asynchronous writes only, so
/// <c>output</c> may be an HTTP response body (which refuses synchronous writes and cannot seek).
/// </remarks>
public static class XlsxExport
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static async Task Write(Stream output, IReadOnlyList<string> headers, IAsyncEnumerable<IReadOnlyList<object?>> rows, CancellationToken ct)
    {
        await using var buffer = new FileStream(Path.Combine(Path.GetTempPath(), $"crm-export-{Guid.NewGuid():N}.xlsx"), FileMode.CreateNew,
            FileAccess.ReadWrite, FileShare.None, bufferSize: 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in XlsxPackage.OtherEntries)
            {
                await using var part = await zip.CreateEntry(name, CompressionLevel.Fastest).OpenAsync(ct);
                await part.WriteAsync(content, ct);
            }
            await using var entry = await zip.CreateEntry(XlsxPackage.SheetEntry, CompressionLevel.Fastest).OpenAsync(ct);
            // The XML writer writes in small pieces; batching them for the compressor is much faster.
            await using var sheet = new BufferedStream(entry, 64 * 1024);
            await XlsxSheet.Write(sheet, headers, rows, ct);
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(output, ct);
        await output.FlushAsync(ct);
    }
}
