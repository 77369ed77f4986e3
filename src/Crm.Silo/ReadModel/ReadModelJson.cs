using System.Text.Json;

namespace Crm.Silo.ReadModel;

/// <summary>How jsonb columns of the read model are written and read: camelCase, like the public API.</summary>
public static class ReadModelJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
