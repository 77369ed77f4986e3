using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace Crm.Web.Import;

/// <summary>
/// The multipart form of the import endpoints: <c>file</c> (the CSV file), <c>mapping</c> (optional
/// JSON: column header to field key or label, a custom field's code or label, or null to ignore the
/// column) and <c>duplicates</c> (skip, merge or create; skip when absent).
/// </summary>
public sealed record ImportUpload(byte[] Bytes, string FileName, IReadOnlyDictionary<string, string?>? Mapping, DuplicateMode Mode)
{
    /// <summary>Room for the form's other parts and boundaries around a file of the largest size.</summary>
    private const long FormOverhead = 1024 * 1024;

    public static async Task<ImportUpload> Read(HttpRequest request, CancellationToken ct)
    {
        if (!request.HasFormContentType)
            throw CrmException.Invalid("file_required", "Send the file as multipart/form-data, in a part named 'file'.", "file");
        // Kestrel's default body limit (about 28 MB) is below the import limit.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = CsvFileReader.MaxFileBytes + FormOverhead;
        if (request.ContentLength > CsvFileReader.MaxFileBytes + FormOverhead)
            throw TooLarge(request.ContentLength.Value);

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge(null);
        }
        var file = form.Files.GetFile("file")
            ?? throw CrmException.Invalid("file_required", "The form has no part named 'file' with the CSV file.", "file");
        if (file.Length > CsvFileReader.MaxFileBytes) throw TooLarge(file.Length);
        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
            await stream.ReadExactlyAsync(bytes, ct);
        return new ImportUpload(bytes, file.FileName, ParseMapping(form["mapping"]), ImportNames.Mode(form["duplicates"]));
    }

    private static IReadOnlyDictionary<string, string?>? ParseMapping(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return null;
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string?>>(json)
                ?? throw CrmException.Invalid("invalid_mapping", "The mapping must be a JSON object.", "mapping");
        }
        catch (JsonException)
        {
            throw CrmException.Invalid("invalid_mapping",
                "The mapping must be a JSON object of column headers to field keys (null to ignore a column), e.g. {\"E-mail\": \"emails.work\", \"Notes\": null}.", "mapping");
        }
    }

    private static CrmException TooLarge(long? bytes) => CrmException.Invalid("file_too_large",
        $"The file is too large{(bytes is { } b ? $" ({b / (1024.0 * 1024):0.#} MB)" : "")}: at most {CsvFileReader.MaxFileBytes / (1024 * 1024)} MB can be imported at once; split it into smaller files.", "file");
}
