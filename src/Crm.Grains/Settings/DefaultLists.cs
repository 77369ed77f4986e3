using Crm.Grains.Interfaces.Settings;

namespace Crm.Grains.Settings;

/// <summary>The selection lists a new portal starts with (Bitrix24's defaults).</summary>
public static class DefaultLists
{
    public static IReadOnlyList<LeadStatus> LeadStatuses { get; } =
    [
        new("NEW", "New", "#2FC6F6", LeadStatusSemantic.InProgress),
        new("IN_PROCESS", "In process", "#55D0E0", LeadStatusSemantic.InProgress),
        new("PROCESSED", "Processed", "#FFA900", LeadStatusSemantic.InProgress),
        new("CONVERTED", "Good lead", "#7BD500", LeadStatusSemantic.Converted),
        new("JUNK", "Junk lead", "#FF5752", LeadStatusSemantic.Junk),
    ];

    public static IReadOnlyList<ListItem> LeadSources { get; } =
    [
        new("CALL", "Call"),
        new("EMAIL", "E-mail"),
        new("WEB", "Website"),
        new("WEBFORM", "Web form"),
        new("CHAT", "Chat"),
        new("ADVERTISING", "Advertising"),
        new("PARTNER", "Partner"),
        new("RECOMMENDATION", "Recommendation"),
        new("OTHER", "Other"),
    ];

    public static IReadOnlyList<ListItem> ContactTypes { get; } =
    [
        new("CLIENT", "Client"),
        new("SUPPLIER", "Supplier"),
        new("PARTNER", "Partner"),
        new("OTHER", "Other"),
    ];

    public static IReadOnlyList<ListItem> CompanyTypes { get; } =
    [
        new("CUSTOMER", "Client"),
        new("SUPPLIER", "Supplier"),
        new("COMPETITOR", "Competitor"),
        new("PARTNER", "Partner"),
        new("OTHER", "Other"),
    ];

    public static IReadOnlyList<ListItem> Industries { get; } =
    [
        new("IT", "Information technology"),
        new("TELECOM", "Telecommunication"),
        new("MANUFACTURING", "Manufacturing"),
        new("BANKING", "Banking services"),
        new("CONSULTING", "Consulting"),
        new("FINANCE", "Finance"),
        new("GOVERNMENT", "Government"),
        new("DELIVERY", "Delivery"),
        new("ENTERTAINMENT", "Entertainment"),
        new("NOTPROFIT", "Non-profit"),
        new("OTHER", "Other"),
    ];
}
