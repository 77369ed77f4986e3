using Crm.Grains.Common;
using Crm.Grains.Interfaces.Common;
using Crm.Grains.Interfaces.Deals;

namespace Crm.Grains.Deals;

/// <summary>What makes a deal's fields valid. Returns the fields normalised (trimmed, upper-case currency).</summary>
public static class DealRules
{
    public const int MaxTitleLength = 255;
    public const int MaxContacts = 50;

    public static DealFields Check(DealFields fields)
    {
        var title = fields.Title?.Trim() ?? "";
        if (title.Length == 0)
            throw CrmException.Invalid("title_required", "A deal needs a title.", "title");
        if (title.Length > MaxTitleLength)
            throw CrmException.Invalid("title_too_long", $"A deal title can be at most {MaxTitleLength} characters.", "title");

        var amount = FieldRules.Amount(fields.Amount);
        var currency = FieldRules.Currency(fields.Currency);
        FieldRules.Responsible(fields.ResponsibleId, "deal");

        if (fields.BeginDate is { } begin && fields.CloseDate is { } close && close < begin)
            throw CrmException.Invalid("close_before_begin", "The close date cannot be before the begin date.", "closeDate");

        var comments = FieldRules.Comments(fields.Comments);

        var contacts = (fields.ContactIds ?? []).Distinct().ToList();
        if (contacts.Count > MaxContacts)
            throw CrmException.Invalid("too_many_contacts", $"A deal can name at most {MaxContacts} contacts.", "contactIds");

        return fields with { Title = title, Currency = currency, Comments = comments, Amount = amount, ContactIds = contacts.Count == 0 ? null : contacts };
    }
}
