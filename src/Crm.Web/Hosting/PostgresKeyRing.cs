using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace Crm.Web.Hosting;

/// <summary>
/// Keeps ASP.NET Data Protection's keys in PostgreSQL (table data_protection_keys), so every web node
/// protects and unprotects with the same keys: cookies and tracked links keep working when a user or a
/// customer reaches another node, or a node restarts. Keys are stored once and never changed (a key
/// is retired by expiring, which Data Protection records as a new element).
/// </summary>
public sealed class PostgresKeyRing(NpgsqlDataSource db) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var command = db.CreateCommand("SELECT xml FROM data_protection_keys ORDER BY created_at, name");
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read()) elements.Add(XElement.Parse(reader.GetString(0)));
        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var command = db.CreateCommand("INSERT INTO data_protection_keys (name, xml) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING");
        command.Parameters.Add(new() { Value = friendlyName });
        command.Parameters.Add(new() { Value = element.ToString(SaveOptions.DisableFormatting) });
        command.ExecuteNonQuery();
    }

    /// <summary>One application name for all nodes (the default is the content root path, which differs between installs).</summary>
    public static void Register(IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("crm");
        services.AddOptions<KeyManagementOptions>().Configure<NpgsqlDataSource>((o, db) => o.XmlRepository = new PostgresKeyRing(db));
    }
}
