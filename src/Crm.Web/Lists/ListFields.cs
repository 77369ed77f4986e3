using Crm.Grains.Interfaces.CustomFields;

namespace Crm.Web.Lists;

/// <summary>The standard fields of each record type's list (read-model columns), followed by the portal's custom fields.</summary>
public static class ListFields
{
    public static readonly IReadOnlyList<ListField> Lead =
    [
        new("id", "#", ListFieldType.Id, "id"),
        new("title", "Title", ListFieldType.Text, "title"),
        new("statusId", "Status", ListFieldType.List, "status_id", "lead-statuses"),
        new("firstName", "First name", ListFieldType.Text, "first_name"),
        new("lastName", "Last name", ListFieldType.Text, "last_name"),
        new("companyName", "Company", ListFieldType.Text, "company_name"),
        new("phone", "Phone", ListFieldType.Phone, "phone_digits"),
        new("email", "E-mail", ListFieldType.Email, "email_addresses"),
        new("sourceId", "Source", ListFieldType.List, "source_id", "lead-sources"),
        new("amount", "Amount", ListFieldType.Number, "amount"),
        new("currency", "Currency", ListFieldType.Text, "currency"),
        new("responsibleId", "Responsible", ListFieldType.User, "responsible_id"),
        new("utmSource", "UTM source", ListFieldType.Text, "utm_source"),
        new("utmCampaign", "UTM campaign", ListFieldType.Text, "utm_campaign"),
        new("createdAt", "Created", ListFieldType.DateTime, "created_at"),
        new("updatedAt", "Modified", ListFieldType.DateTime, "updated_at"),
    ];

    public static readonly IReadOnlyList<ListField> Contact =
    [
        new("id", "#", ListFieldType.Id, "id"),
        new("firstName", "First name", ListFieldType.Text, "first_name"),
        new("lastName", "Last name", ListFieldType.Text, "last_name"),
        new("position", "Position", ListFieldType.Text, "position"),
        new("typeId", "Type", ListFieldType.List, "type_id", "contact-types"),
        new("phone", "Phone", ListFieldType.Phone, "phone_digits"),
        new("email", "E-mail", ListFieldType.Email, "email_addresses"),
        new("city", "City", ListFieldType.Text, "address->>'city'"),
        new("country", "Country", ListFieldType.Text, "address->>'country'"),
        new("responsibleId", "Responsible", ListFieldType.User, "responsible_id"),
        new("createdAt", "Created", ListFieldType.DateTime, "created_at"),
        new("updatedAt", "Modified", ListFieldType.DateTime, "updated_at"),
    ];

    public static readonly IReadOnlyList<ListField> Company =
    [
        new("id", "#", ListFieldType.Id, "id"),
        new("title", "Name", ListFieldType.Text, "title"),
        new("typeId", "Type", ListFieldType.List, "type_id", "company-types"),
        new("industryId", "Industry", ListFieldType.List, "industry_id", "industries"),
        new("revenue", "Revenue", ListFieldType.Number, "revenue"),
        new("taxId", "Tax id", ListFieldType.Text, "tax_id"),
        new("phone", "Phone", ListFieldType.Phone, "phone_digits"),
        new("email", "E-mail", ListFieldType.Email, "email_addresses"),
        new("city", "City", ListFieldType.Text, "address->>'city'"),
        new("country", "Country", ListFieldType.Text, "address->>'country'"),
        new("responsibleId", "Responsible", ListFieldType.User, "responsible_id"),
        new("createdAt", "Created", ListFieldType.DateTime, "created_at"),
        new("updatedAt", "Modified", ListFieldType.DateTime, "updated_at"),
    ];

    public static readonly IReadOnlyList<ListField> Deal =
    [
        new("id", "#", ListFieldType.Id, "id"),
        new("title", "Title", ListFieldType.Text, "title"),
        new("pipelineId", "Pipeline", ListFieldType.Id, "pipeline_id"),
        new("stageId", "Stage", ListFieldType.List, "stage_id", "stages"),
        new("amount", "Amount", ListFieldType.Number, "amount"),
        new("currency", "Currency", ListFieldType.Text, "currency"),
        new("responsibleId", "Responsible", ListFieldType.User, "responsible_id"),
        new("isClosed", "Closed", ListFieldType.Boolean, "is_closed"),
        new("beginDate", "Start date", ListFieldType.Date, "begin_date"),
        new("closeDate", "Close date", ListFieldType.Date, "close_date"),
        new("createdAt", "Created", ListFieldType.DateTime, "created_at"),
        new("updatedAt", "Modified", ListFieldType.DateTime, "updated_at"),
    ];

    /// <summary>The fields of a record type ("lead", "deal", "contact", "company") with the given custom fields.</summary>
    public static IReadOnlyList<ListField> For(string recordKind, IEnumerable<CustomField> custom) =>
    [
        .. recordKind switch
        {
            "lead" => Lead,
            "contact" => Contact,
            "company" => Company,
            "deal" => Deal,
            _ => throw new ArgumentException($"Unknown record kind {recordKind}", nameof(recordKind)),
        },
        .. custom.Where(f => f.RecordKind == recordKind).Select(ListField.Of),
    ];
}
