using Crm.Grains.Common;
using Crm.Grains.Interfaces.Contacts;
using Crm.Grains.Interfaces.Settings;

namespace Crm.Grains.Contacts;

/// <summary>What makes a contact valid; returns its fields normalised.</summary>
public static class ContactRules
{
    public const int MaxNameLength = 100;
    public const int MaxCompanies = 50;

    public static ContactFields Check(ContactFields fields, IReadOnlyList<ListItem> types)
    {
        var first = FieldRules.Text(fields.FirstName, "firstName", MaxNameLength);
        var last = FieldRules.Text(fields.LastName, "lastName", MaxNameLength);
        if (first.Length == 0 && last.Length == 0)
            throw CrmException.Invalid("name_required", "A contact needs a first or last name.", "firstName");
        return fields with
        {
            FirstName = first,
            SecondName = FieldRules.Text(fields.SecondName, "secondName", MaxNameLength),
            LastName = last,
            TypeId = FieldRules.ListValue(fields.TypeId, types, "typeId", "unknown_type"),
            Position = FieldRules.Text(fields.Position, "position", 255),
            Phones = ContactPoints.CheckPhones(fields.Phones),
            Emails = ContactPoints.CheckEmails(fields.Emails),
            Address = FieldRules.Address(fields.Address),
            ResponsibleId = FieldRules.Responsible(fields.ResponsibleId, "contact"),
            Comments = FieldRules.Comments(fields.Comments),
        };
    }

    /// <summary>Company ids without repeats, in the order given.</summary>
    public static IReadOnlyList<long> CheckCompanyIds(IReadOnlyList<long>? ids)
    {
        var distinct = (ids ?? []).Distinct().ToList();
        if (distinct.Count > MaxCompanies)
            throw CrmException.Invalid("too_many_companies", $"A contact can belong to at most {MaxCompanies} companies.", "companyIds");
        return distinct;
    }

    public static string DisplayName(ContactFields f) =>
        string.Join(" ", new[] { f.FirstName, f.SecondName, f.LastName }.Where(s => s.Length > 0));
}
