using Crm.Grains.Common;
using Crm.Grains.Interfaces.Leads;
using static Crm.Grains.Common.TimelineText;

namespace Crm.Grains.Leads;

/// <summary>The field-by-field difference between two versions of a lead, for its timeline.</summary>
public static class LeadDiff
{
    public static IReadOnlyList<FieldChange> Between(Lead before, Lead after) =>
        Compare(before.StatusId, before.Fields, after).Add("convertedTo", Converted(before.Conversion), Converted(after.Conversion)).ToList(created: false);

    /// <summary>The fields of a new lead that have a value, as changes from nothing.</summary>
    public static IReadOnlyList<FieldChange> Initial(Lead lead) => Compare(null, null, lead).ToList(created: true);

    private static TimelineText.Changes Compare(string? statusBefore, LeadFields? a, Lead after)
    {
        var b = after.Fields;
        return new TimelineText.Changes()
            .Add("statusId", statusBefore, after.StatusId)
            .Add("title", a?.Title, b.Title)
            .Add("firstName", a?.FirstName, b.FirstName)
            .Add("secondName", a?.SecondName, b.SecondName)
            .Add("lastName", a?.LastName, b.LastName)
            .Add("companyName", a?.CompanyName, b.CompanyName)
            .Add("phones", a is null ? null : Points(a.Phones), Points(b.Phones))
            .Add("emails", a is null ? null : Points(a.Emails), Points(b.Emails))
            .Add("sourceId", a?.SourceId, b.SourceId)
            .Add("sourceDescription", a?.SourceDescription, b.SourceDescription)
            .Add("utm", a is null ? null : Utm(a.Utm), Utm(b.Utm))
            .Add("amount", a is null ? null : Money(a.Amount), Money(b.Amount))
            .Add("currency", a?.Currency, b.Currency)
            .Add("responsibleId", a is null ? null : Number(a.ResponsibleId), Number(b.ResponsibleId))
            .Add("comments", a?.Comments, b.Comments)
            .AddCustom(a?.Custom, b.Custom);
    }

    private static string Converted(LeadConversion? c) => c is null ? "" : string.Join(", ", new[]
    {
        c.ContactId is { } contact ? $"contact {contact}" : null,
        c.CompanyId is { } company ? $"company {company}" : null,
        c.DealId is { } deal ? $"deal {deal}" : null,
    }.OfType<string>());

    private static string Utm(Utm? utm) => utm is null ? "" : string.Join(" ", new[]
    {
        ("source", utm.Source), ("medium", utm.Medium), ("campaign", utm.Campaign), ("content", utm.Content), ("term", utm.Term),
    }.Where(p => p.Item2.Length > 0).Select(p => $"{p.Item1}={p.Item2}"));
}
