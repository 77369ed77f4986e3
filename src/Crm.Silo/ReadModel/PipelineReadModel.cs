using System.Text.Json;
using Crm.Grains.Interfaces.Pipelines;
using Crm.Grains.ReadModel;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Silo.ReadModel;

public sealed class PipelineReadModel(NpgsqlDataSource db) : IPipelineReadModel
{
    public async Task Project(Pipeline pipeline)
    {
        await using var command = db.CreateCommand("""
            INSERT INTO pipelines (portal_id, id, name, stages, version) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (portal_id, id) DO UPDATE SET name = EXCLUDED.name, stages = EXCLUDED.stages, version = EXCLUDED.version
            WHERE pipelines.version < EXCLUDED.version
            """);
        command.Parameters.Add(new() { Value = pipeline.PortalId });
        command.Parameters.Add(new() { Value = pipeline.Id });
        command.Parameters.Add(new() { Value = pipeline.Name });
        command.Parameters.Add(new() { Value = JsonSerializer.Serialize(pipeline.Stages, ReadModelJson.Options), NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new() { Value = pipeline.Version });
        await command.ExecuteNonQueryAsync();
    }
}
