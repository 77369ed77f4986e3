namespace Crm.Grains.Common;

/// <summary>The grain storage every CRM grain persists to (ADO.NET on PostgreSQL).</summary>
public static class StorageNames
{
    public const string Crm = "crm";
}
