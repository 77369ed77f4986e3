using System.Text.Json;
using System.Text.Json.Serialization;

namespace Crm.Web.Api;

/// <summary>JSON of the public API and hub: camelCase, enums as names, numbers also accepted as strings.</summary>
public static class ApiJson
{
    /// <summary>Ready-made options for clients of the API (tests, benchmark).</summary>
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions();
        Configure(options);
        return options;
    }

    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.NumberHandling = JsonNumberHandling.AllowReadingFromString;
    }
}
