using Crm.Grains.Automation;
using Crm.Grains.Interfaces.Leads;

namespace Crm.Grains.Leads;

/// <summary>A SetField robot's change to a lead: its fields with one of them set.</summary>
public static class LeadRobotFields
{
    public static LeadFields With(LeadFields f, RobotField field, string value) => field.Code switch
    {
        _ when field.Custom is not null => f with { Custom = RobotFieldValue.Custom(f.Custom, field, value) },
        "title" => f with { Title = value },
        "firstName" => f with { FirstName = value },
        "secondName" => f with { SecondName = value },
        "lastName" => f with { LastName = value },
        "companyName" => f with { CompanyName = value },
        "sourceId" => f with { SourceId = value },
        "sourceDescription" => f with { SourceDescription = value },
        "amount" => f with { Amount = RobotFieldValue.Number(field, value) },
        "currency" => f with { Currency = value },
        "comments" => f with { Comments = value },
        _ => throw RobotFieldValue.NotWritable(field.Code),
    };
}
