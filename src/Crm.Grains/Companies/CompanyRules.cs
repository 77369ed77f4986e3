using Crm.Grains.Common;
using Crm.Grains.Interfaces.Companies;
using Crm.Grains.Interfaces.Settings;

namespace Crm.Grains.Companies;

/// <summary>What makes a company valid; returns its fields normalised.</summary>
public static class CompanyRules
{
    public const int MaxTitleLength = 255;
    public const int MaxTaxIdLength = 50;

    public static CompanyFields Check(CompanyFields fields, IReadOnlyList<ListItem> types, IReadOnlyList<ListItem> industries)
    {
        var title = FieldRules.Text(fields.Title, "title", MaxTitleLength);
        if (title.Length == 0)
            throw CrmException.Invalid("title_required", "A company needs a name.", "title");
        var taxId = FieldRules.Text(fields.TaxId, "taxId", MaxTaxIdLength);
        if (taxId.Any(c => !char.IsLetterOrDigit(c) && c is not ('-' or ' ' or '.' or '/')))
            throw CrmException.Invalid("invalid_tax_id", "A tax id has letters, digits and - . / only.", "taxId");
        return fields with
        {
            Title = title,
            TypeId = FieldRules.ListValue(fields.TypeId, types, "typeId", "unknown_type"),
            IndustryId = FieldRules.ListValue(fields.IndustryId, industries, "industryId", "unknown_industry"),
            Revenue = FieldRules.Amount(fields.Revenue, "revenue"),
            Currency = FieldRules.Currency(fields.Currency),
            TaxId = taxId,
            Phones = ContactPoints.CheckPhones(fields.Phones),
            Emails = ContactPoints.CheckEmails(fields.Emails),
            Address = FieldRules.Address(fields.Address),
            ResponsibleId = FieldRules.Responsible(fields.ResponsibleId, "company"),
            Comments = FieldRules.Comments(fields.Comments),
        };
    }
}
