namespace Crm.Silo.ReadModel;

/// <summary>The read-model table of each record type ("lead", "deal", "contact", "company").</summary>
public static class RecordTables
{
    public static string Of(string recordKind) => recordKind switch
    {
        "lead" => "leads",
        "deal" => "deals",
        "contact" => "contacts",
        "company" => "companies",
        _ => throw new ArgumentException($"Unknown record kind {recordKind}", nameof(recordKind)),
    };
}
