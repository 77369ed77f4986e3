using System.Globalization;
using Crm.Grains.Interfaces.Leads;

namespace Crm.Grains.Leads;

/// <summary>The field-by-field difference between two versions of a lead, for its timeline.</summary>
public static class LeadDiff
{
    public static IReadOnlyList<FieldChange> Between(Lead before, Lead after)
    {
        var changes = new List<FieldChange>();
        void Add(string field, string? old, string? @new)
        {
            if (old != @new) changes.Add(new FieldChange(field, old, @new));
        }

        var (a, b) = (before.Fields, after.Fields);
        Add("statusId", before.StatusId, after.StatusId);
        Add("title", a.Title, b.Title);
        Add("firstName", a.FirstName, b.FirstName);
        Add("secondName", a.SecondName, b.SecondName);
        Add("lastName", a.LastName, b.LastName);
        Add("companyName", a.CompanyName, b.CompanyName);
        Add("phones", Points(a.Phones), Points(b.Phones));
        Add("emails", Points(a.Emails), Points(b.Emails));
        Add("sourceId", a.SourceId, b.SourceId);
        Add("sourceDescription", a.SourceDescription, b.SourceDescription);
        Add("utm", Utm(a.Utm), Utm(b.Utm));
        Add("amount", Money(a.Amount), Money(b.Amount));
        Add("currency", a.Currency, b.Currency);
        Add("responsibleId", a.ResponsibleId.ToString(CultureInfo.InvariantCulture), b.ResponsibleId.ToString(CultureInfo.InvariantCulture));
        Add("comments", a.Comments, b.Comments);
        return changes;
    }

    /// <summary>The fields of a new lead that have a value, as changes from nothing.</summary>
    public static IReadOnlyList<FieldChange> Initial(Lead lead)
    {
        var empty = lead with { StatusId = "", Fields = new LeadFields("", 0, Currency: "", Comments: "") };
        return Between(empty, lead).Where(c => !string.IsNullOrEmpty(c.New)).ToList();
    }

    private static string Points(IReadOnlyList<Interfaces.Common.ContactPoint>? points) =>
        string.Join(", ", (points ?? []).Select(p => $"{p.Value} ({p.Type.ToString().ToLowerInvariant()})"));

    private static string Utm(Utm? utm) => utm is null ? "" : string.Join(" ", new[]
    {
        ("source", utm.Source), ("medium", utm.Medium), ("campaign", utm.Campaign), ("content", utm.Content), ("term", utm.Term),
    }.Where(p => p.Item2.Length > 0).Select(p => $"{p.Item1}={p.Item2}"));

    private static string Money(decimal amount) => amount.ToString(CultureInfo.InvariantCulture);
}
