using System.Text.Json;
using System.Text.Json.Serialization;

namespace Crm.Silo.ReadModel;

/// <summary>How jsonb columns of the read model are written and read: camelCase names and enum values, like the public API.</summary>
public static class ReadModelJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>A jsonb column of phones or e-mails, read back.</summary>
    public static List<Crm.Grains.Interfaces.Common.ContactPoint> Points(string json) =>
        JsonSerializer.Deserialize<List<Crm.Grains.Interfaces.Common.ContactPoint>>(json, Options) ?? [];
}
