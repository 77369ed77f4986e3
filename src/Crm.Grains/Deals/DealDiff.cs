using System.Globalization;
using Crm.Grains.Interfaces.Deals;

namespace Crm.Grains.Deals;

/// <summary>The field-by-field difference between two versions of a deal, for its timeline.</summary>
public static class DealDiff
{
    public static IReadOnlyList<FieldChange> Between(Deal before, Deal after)
    {
        var changes = new List<FieldChange>();
        void Add<T>(string field, T old, T @new)
        {
            if (!EqualityComparer<T>.Default.Equals(old, @new))
                changes.Add(new FieldChange(field, Text(old), Text(@new)));
        }

        Add("title", before.Title, after.Title);
        Add("amount", before.Amount, after.Amount);
        Add("currency", before.Currency, after.Currency);
        Add("responsibleId", before.ResponsibleId, after.ResponsibleId);
        Add("beginDate", before.BeginDate, after.BeginDate);
        Add("closeDate", before.CloseDate, after.CloseDate);
        Add("comments", before.Comments, after.Comments);
        Add("stageId", before.StageId, after.StageId);
        Add("isClosed", before.IsClosed, after.IsClosed);
        Add("companyId", before.CompanyId, after.CompanyId);
        Add("contactIds", string.Join(", ", before.ContactIds ?? []), string.Join(", ", after.ContactIds ?? []));
        changes.AddRange(new Common.TimelineText.Changes().AddCustom(before.Custom, after.Custom).ToList(created: false));
        return changes;
    }

    /// <summary>The fields of a new deal, as changes from nothing.</summary>
    public static IReadOnlyList<FieldChange> Initial(Deal deal) =>
    [
        new("title", null, deal.Title),
        new("amount", null, Text(deal.Amount)),
        new("currency", null, deal.Currency),
        new("responsibleId", null, Text(deal.ResponsibleId)),
        new("stageId", null, deal.StageId),
        .. deal.CompanyId is { } company ? [new FieldChange("companyId", null, Text(company))] : Array.Empty<FieldChange>(),
        .. deal.ContactIds is { Count: > 0 } contacts ? [new FieldChange("contactIds", null, string.Join(", ", contacts))] : Array.Empty<FieldChange>(),
        .. new Common.TimelineText.Changes().AddCustom(null, deal.Custom).ToList(created: true),
    ];

    private static string? Text<T>(T value) => value switch
    {
        null => null,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
