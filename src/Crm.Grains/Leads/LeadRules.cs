using Crm.Grains.Common;
using Crm.Grains.Interfaces.Common;
using Crm.Grains.Interfaces.Leads;
using Crm.Grains.Interfaces.Settings;

namespace Crm.Grains.Leads;

/// <summary>What makes a lead's fields valid. Returns them normalised (trimmed, upper-case currency, checked phones and e-mails).</summary>
public static class LeadRules
{
    public const int MaxNameLength = 100;
    public const int MaxTextLength = 255;

    public static LeadFields Check(LeadFields fields, IReadOnlyList<ListItem> sources)
    {
        var title = fields.Title?.Trim() ?? "";
        var first = FieldRules.Text(fields.FirstName, "firstName", MaxNameLength);
        var second = FieldRules.Text(fields.SecondName, "secondName", MaxNameLength);
        var last = FieldRules.Text(fields.LastName, "lastName", MaxNameLength);
        var company = FieldRules.Text(fields.CompanyName, "companyName", MaxTextLength);
        // As in Bitrix24, a lead without a title is named after the person or company.
        if (title.Length == 0)
            title = string.Join(" ", new[] { first, last }.Where(s => s.Length > 0)) is { Length: > 0 } name ? name : company;
        if (title.Length == 0)
            throw CrmException.Invalid("title_required", "A lead needs a title, a name or a company name.", "title");
        title = FieldRules.Text(title, "title", MaxTextLength);

        var source = FieldRules.ListValue(fields.SourceId, sources, "sourceId", "unknown_source");

        var utm = fields.Utm ?? new Utm();
        utm = new Utm(FieldRules.Text(utm.Source, "utm.source", MaxTextLength), FieldRules.Text(utm.Medium, "utm.medium", MaxTextLength),
            FieldRules.Text(utm.Campaign, "utm.campaign", MaxTextLength), FieldRules.Text(utm.Content, "utm.content", MaxTextLength), FieldRules.Text(utm.Term, "utm.term", MaxTextLength));

        return fields with
        {
            Title = title,
            FirstName = first,
            SecondName = second,
            LastName = last,
            CompanyName = company,
            Phones = ContactPoints.CheckPhones(fields.Phones),
            Emails = ContactPoints.CheckEmails(fields.Emails),
            SourceId = source,
            SourceDescription = FieldRules.Text(fields.SourceDescription, "sourceDescription", FieldRules.MaxCommentsLength),
            Utm = utm,
            Amount = FieldRules.Amount(fields.Amount),
            Currency = FieldRules.Currency(fields.Currency),
            ResponsibleId = FieldRules.Responsible(fields.ResponsibleId, "lead"),
            Comments = FieldRules.Comments(fields.Comments),
        };
    }
}
