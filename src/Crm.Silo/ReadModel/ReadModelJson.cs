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

    /// <summary>The jsonb column of custom field values, read back (null when there are none).</summary>
    public static IReadOnlyDictionary<string, string>? Custom(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json, Options) is { Count: > 0 } values ? values : null;

    /// <summary>A jsonb column of phones or e-mails, read back.</summary>
    public static List<Crm.Grains.Interfaces.Common.ContactPoint> Points(string json) =>
        JsonSerializer.Deserialize<List<Crm.Grains.Interfaces.Common.ContactPoint>>(json, Options) ?? [];
}
