using Crm.Grains.Automation;
using Crm.Grains.Interfaces.Deals;

namespace Crm.Grains.Deals;

/// <summary>A SetField robot's change to a deal: the deal's editable fields with one of them set.</summary>
public static class DealRobotFields
{
    public static DealFields Of(Deal d) => new(d.Title, d.Amount, d.Currency, d.ResponsibleId, d.BeginDate, d.CloseDate, d.Comments, d.CompanyId, d.ContactIds, d.Custom);

    public static DealFields With(DealFields f, RobotField field, string value) => field.Code switch
    {
        _ when field.Custom is not null => f with { Custom = RobotFieldValue.Custom(f.Custom, field, value) },
        "title" => f with { Title = value },
        "amount" => f with { Amount = RobotFieldValue.Number(field, value) },
        "currency" => f with { Currency = value },
        "beginDate" => f with { BeginDate = RobotFieldValue.Date(field, value) },
        "closeDate" => f with { CloseDate = RobotFieldValue.Date(field, value) },
        "comments" => f with { Comments = value },
        _ => throw RobotFieldValue.NotWritable(field.Code),
    };
}
