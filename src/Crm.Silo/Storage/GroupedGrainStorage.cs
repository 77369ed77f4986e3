using System.Globalization;
using Crm.Silo.Database;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Orleans.Configuration;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Crm.Silo.Storage;

/// <summary>
/// Grain state in <c>orleansstorage</c> with the ADO.NET provider's rows, keys and version checks, but
/// read and written in groups (<see cref="GroupedBatches"/>): the reads of grains activating together
/// share one round trip, and the writes of many grains share one transaction. Each write still
/// completes only once committed, and a stale version still fails only its own grain.
/// </summary>
public sealed class GroupedGrainStorage : IGrainStorage, IAsyncDisposable
{
    // The statements of Migrations/0003 (the rows' shape, orleans_storage_write's version rules).
    private const string Match = """
         WHERE serviceid = $1 AND grainidhash = $2 AND graintypehash = $3 AND grainidn0 = $4 AND grainidn1 = $5
           AND graintypestring = $6 AND grainidextensionstring IS NOT DISTINCT FROM $7
        """;
    private const string ReadSql = "SELECT payloadbinary, version FROM orleansstorage" + Match;
    private const string WriteSql = "SELECT orleans_storage_write($2, $4, $5, $3, $6, $7, $1, $8, $9)";
    private const string ClearSql = "UPDATE orleansstorage SET payloadbinary = NULL, modifiedon = now(), version = version + 1" + Match + " AND version = $8 RETURNING version";

    private readonly string _serviceId;
    private readonly IGrainStorageSerializer _serializer;
    private readonly IActivatorProvider _activators;
    private readonly GroupedBatches _reads, _writes;

    public GroupedGrainStorage(NpgsqlDataSource db, IGrainStorageSerializer serializer, IActivatorProvider activators,
        Microsoft.Extensions.Options.IOptions<ClusterOptions> cluster, ILogger<GroupedGrainStorage> log)
    {
        (_serviceId, _serializer, _activators) = (cluster.Value.ServiceId, serializer, activators);
        _reads = new GroupedBatches(db, log, "grain state reads");
        _writes = new GroupedBatches(db, log, "grain state writes");
    }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var read = new Statement(ReadSql, Key(stateName, grainId));
        await _reads.Run(read);
        var payload = read.Row?[0] as byte[];
        grainState.State = payload is null ? New<T>() : _serializer.Deserialize<T>(new BinaryData(payload));
        grainState.ETag = read.Row?[1] is int version ? Etag(version) : null;
        grainState.RecordExists = payload is not null;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var write = new Statement(WriteSql, Key(stateName, grainId), Version(grainState.ETag), _serializer.Serialize(grainState.State).ToArray());
        await _writes.Run(write);
        grainState.ETag = NewEtag(write, "write", stateName, grainId, grainState.ETag);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (!grainState.RecordExists && string.IsNullOrWhiteSpace(grainState.ETag))
        {
            await ReadStateAsync(stateName, grainId, grainState);
            if (!grainState.RecordExists) return;
        }
        var clear = new Statement(ClearSql, Key(stateName, grainId), Version(grainState.ETag));
        await _writes.Run(clear);
        grainState.ETag = NewEtag(clear, "clear", stateName, grainId, grainState.ETag);
        grainState.RecordExists = false;
        grainState.State = New<T>();
    }

    public async ValueTask DisposeAsync()
    {
        await _reads.DisposeAsync();
        await _writes.DisposeAsync();
    }

    private object?[] Key(string stateName, GrainId grainId)
    {
        var k = StoredGrainKey.Of(stateName, grainId);
        return [_serviceId, k.IdHash, k.TypeHash, k.N0, k.N1, k.Type, k.Extension];
    }

    private T New<T>() => _activators.GetActivator<T>().Create();

    private static string Etag(int version) => version.ToString(CultureInfo.InvariantCulture);

    private static int? Version(string? etag) => string.IsNullOrWhiteSpace(etag) ? null : int.Parse(etag, CultureInfo.InvariantCulture);

    /// <summary>The stored version after a write, or a conflict when nothing was written (someone else wrote first).</summary>
    private static string NewEtag(Statement statement, string operation, string stateName, GrainId grainId, string? etag) =>
        statement.Row?[0] is int version && Etag(version) != etag
            ? Etag(version)
            : throw new InconsistentStateException($"Version conflict ({operation}) of '{stateName}' state of {grainId}: stored state is not version {etag ?? "(none)"}.");

    /// <summary>One statement whose first row (if any) is its result.</summary>
    private sealed class Statement(string sql, object?[] key, params object?[] more) : GroupedWork
    {
        private static readonly NpgsqlDbType[] Types =
        [
            NpgsqlDbType.Text, NpgsqlDbType.Integer, NpgsqlDbType.Integer, NpgsqlDbType.Bigint, NpgsqlDbType.Bigint, NpgsqlDbType.Text, NpgsqlDbType.Text,
            NpgsqlDbType.Integer, NpgsqlDbType.Bytea,
        ];

        public object?[]? Row { get; private set; }

        public override void AddTo(NpgsqlBatch batch, bool again)
        {
            var command = new NpgsqlBatchCommand(sql);
            var values = key.Concat(more).ToArray();
            for (var i = 0; i < values.Length; i++)
                command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = Types[i], Value = values[i] ?? DBNull.Value });
            batch.BatchCommands.Add(command);
        }

        public override async Task ReadResults(NpgsqlDataReader reader)
        {
            if (await reader.ReadAsync())
            {
                Row = new object?[reader.FieldCount];
                for (var i = 0; i < Row.Length; i++) Row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }
            else
            {
                Row = null;
            }
            await reader.NextResultAsync();
        }
    }
}
