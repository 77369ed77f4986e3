using Crm.Silo.Database;
using Crm.Grains.Interfaces.Common;
using Crm.Grains.Interfaces.Stream;
using Crm.Web.Api;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Crm.Web.ActivityStream;

/// <summary>Limits of the stream's files (section <c>Crm:Stream</c>).</summary>
public sealed class StreamOptions
{
    public const string Section = "Crm:Stream";

    public long MaxFileBytes { get; set; } = 10 * 1024 * 1024;
}

/// <summary>A stored file and its bytes, as served back.</summary>
public sealed record StoredFile(PostFile File, long? PostId, int UploadedBy, byte[] Data);

/// <summary>
/// Stores files for posts (<c>stream_files</c>): checked for size and true type on upload, fetched only
/// by whoever may see their post (or, before it is posted, by the uploader).
/// </summary>
public sealed class StreamFiles(NpgsqlDataSource db, IOptions<StreamOptions> options)
{
    public Task<PostFile> Upload(RequestUser user, IFormFile? file) => file is null
        ? throw CrmException.Invalid("file_required", "Send the file as multipart form data, in a part named 'file'.", "file")
        : Upload(user, file.FileName, file.Length, _ => file.OpenReadStream());

    /// <summary>Checks and stores one file (from the API's form or the page's upload button).</summary>
    public async Task<PostFile> Upload(RequestUser user, string? fileName, long length, Func<long, Stream> open)
    {
        var max = options.Value.MaxFileBytes;
        if (length > max)
            throw CrmException.Invalid("file_too_large", $"A file is at most {max / (1024 * 1024.0):0.#} MB; '{fileName}' is {length / (1024 * 1024.0):0.#} MB.", "file");
        var name = Path.GetFileName(fileName ?? "").Trim();
        if (name.Length is 0 or > 200) throw CrmException.Invalid("invalid_file_name", "A file needs a name of at most 200 characters.", "file");
        using var buffer = new MemoryStream((int)length);
        await using (var source = open(max)) await source.CopyToAsync(buffer);
        var data = buffer.ToArray();
        var contentType = FileSniffer.Sniff(name, data.AsSpan(0, Math.Min(data.Length, FileSniffer.HeadLength)).ToArray());
        await using var command = db.CreateCommand("""
            INSERT INTO stream_files (portal_id, uploaded_by, name, content_type, size, data) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id
            """);
        command.AddValues(user.PortalId, user.UserId, name, contentType, (long)data.Length, data);
        var id = (long)(await command.ExecuteScalarAsync())!;
        return new PostFile(id, name, contentType, data.Length);
    }

    /// <summary>The uploader's own files not yet attached to a post, as a new post lists them; refused for anyone else's or unknown ids.</summary>
    public async Task<IReadOnlyList<PostFile>> Unattached(RequestUser user, IReadOnlyList<long>? ids)
    {
        if (ids is not { Count: > 0 }) return [];
        await using var command = db.CreateCommand("""
            SELECT id, name, content_type, size FROM stream_files
            WHERE portal_id = $1 AND uploaded_by = $2 AND post_id IS NULL AND id = ANY($3) ORDER BY id
            """);
        command.AddValues(user.PortalId, user.UserId, ids.Distinct().ToArray());
        var files = new List<PostFile>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            files.Add(new PostFile(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3)));
        if (ids.Distinct().FirstOrDefault(id => files.All(f => f.Id != id)) is var missing and > 0)
            throw CrmException.Invalid("unknown_file", $"File {missing} is not one you uploaded for a new post.", "fileIds");
        return files;
    }

    public async Task<StoredFile> Get(RequestUser user, long id)
    {
        await using var command = db.CreateCommand("""
            SELECT name, content_type, size, post_id, uploaded_by, data FROM stream_files WHERE portal_id = $1 AND id = $2
            """);
        command.AddValues(user.PortalId, id);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync()) throw NotFound(id);
        return new StoredFile(new PostFile(id, reader.GetString(0), reader.GetString(1), reader.GetInt64(2)),
            reader.IsDBNull(3) ? null : reader.GetInt64(3), reader.GetInt32(4), await reader.GetFieldValueAsync<byte[]>(5));
    }

    public static CrmException NotFound(long id) => CrmException.NotFound("file_not_found", $"There is no file {id}.");
}
