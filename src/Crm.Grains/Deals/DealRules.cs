using Crm.Grains.Interfaces.Common;
using Crm.Grains.Interfaces.Deals;

namespace Crm.Grains.Deals;

/// <summary>What makes a deal's fields valid. Returns the fields normalised (trimmed, upper-case currency).</summary>
public static class DealRules
{
    public const int MaxTitleLength = 255;
    public const int MaxCommentsLength = 20_000;
    public const decimal MaxAmount = 9_999_999_999_999_999.99m;

    public static DealFields Check(DealFields fields)
    {
        var title = fields.Title?.Trim() ?? "";
        if (title.Length == 0)
            throw CrmException.Invalid("title_required", "A deal needs a title.", "title");
        if (title.Length > MaxTitleLength)
            throw CrmException.Invalid("title_too_long", $"A deal title can be at most {MaxTitleLength} characters.", "title");

        if (fields.Amount < 0)
            throw CrmException.Invalid("negative_amount", "The amount cannot be negative.", "amount");
        if (fields.Amount > MaxAmount)
            throw CrmException.Invalid("amount_too_large", "The amount is too large.", "amount");
        if (fields.Amount.Scale > 2 && decimal.Round(fields.Amount, 2) != fields.Amount)
            throw CrmException.Invalid("amount_precision", "The amount can have at most two decimal places.", "amount");

        var currency = fields.Currency?.Trim().ToUpperInvariant() ?? "";
        if (!Currencies.Known.Contains(currency))
            throw CrmException.Invalid("unknown_currency", $"'{fields.Currency}' is not a known currency code.", "currency");

        if (fields.ResponsibleId <= 0)
            throw CrmException.Invalid("responsible_required", "A deal needs a responsible user.", "responsibleId");

        if (fields.BeginDate is { } begin && fields.CloseDate is { } close && close < begin)
            throw CrmException.Invalid("close_before_begin", "The close date cannot be before the begin date.", "closeDate");

        var comments = fields.Comments ?? "";
        if (comments.Length > MaxCommentsLength)
            throw CrmException.Invalid("comments_too_long", $"Comments can be at most {MaxCommentsLength} characters.", "comments");

        return fields with { Title = title, Currency = currency, Comments = comments, Amount = decimal.Round(fields.Amount, 2) };
    }
}
