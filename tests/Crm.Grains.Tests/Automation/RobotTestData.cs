using Crm.Grains.Automation;
using Crm.Grains.Interfaces.Automation;
using Crm.Grains.Interfaces.CustomFields;
using Crm.Grains.Interfaces.Deals;

namespace Crm.Grains.Tests.Automation;

/// <summary>A portal with a deal pipeline, custom fields of every kind, and one deal, shared by the robot tests.</summary>
internal static class RobotTestData
{
    public static readonly CustomField Budget = new("UF_CRM_1", "deal", "Budget", CustomFieldType.Money);
    public static readonly CustomField Delivery = new("UF_CRM_2", "deal", "Delivery", CustomFieldType.Date);
    public static readonly CustomField Region = new("UF_CRM_3", "deal", "Region", CustomFieldType.List, Items: [new("1", "North"), new("2", "South")]);
    public static readonly CustomField Priority = new("UF_CRM_4", "deal", "Priority", CustomFieldType.Boolean);
    public static readonly CustomField Site = new("UF_CRM_5", "deal", "Site", CustomFieldType.Url);
    public static readonly CustomField Manager = new("UF_CRM_6", "deal", "Manager", CustomFieldType.User);
    public static readonly CustomField Size = new("UF_CRM_7", "deal", "Size", CustomFieldType.Number);
    public static readonly CustomField LeadOnly = new("UF_CRM_9", "lead", "Lead note", CustomFieldType.String);

    public static readonly RobotFieldCatalogue Catalogue = RobotFieldCatalogue.Deal([Budget, Delivery, Region, Priority, Site, Manager, Size, LeadOnly]);

    public static readonly RobotTargets Targets = new("C1:NEW", ["C1:NEW", "C1:WORK", "C1:WON", "C1:LOSE"],
        new Dictionary<long, IReadOnlyList<string>> { [1] = ["C1:NEW", "C1:WORK", "C1:WON", "C1:LOSE"], [2] = ["C2:NEW", "C2:WORK"] },
        [10, 11]);

    public static readonly DateTimeOffset Created = new(2026, 5, 4, 8, 15, 0, TimeSpan.FromHours(2));

    public static readonly Deal Deal = new(1, 42, 1, "C1:NEW", "Big order", 1500.50m, "EUR", 7,
        new DateOnly(2026, 5, 1), new DateOnly(2026, 6, 30), "Call first", 0, false, Created, 3, Created.AddDays(1), 3, 5,
        CompanyId: 9, Custom: new Dictionary<string, string>
        {
            ["UF_CRM_1"] = "2500.00|EUR", ["UF_CRM_2"] = "2026-07-15", ["UF_CRM_3"] = "2", ["UF_CRM_4"] = "true",
        });

    public static readonly IReadOnlyDictionary<string, string> Values = RobotFieldValues.Of(Deal, "Anna Smith");

    public static Robot Robot(RobotAction action, RobotSettings settings, RobotTiming? timing = null, RobotCondition? condition = null) =>
        new("r1", "", action, settings, timing ?? RobotTiming.Now, condition);

    public static Robot Check(Robot robot) => RobotRules.Check(robot, Catalogue, Targets);

    public static CrmException Refusal(Robot robot) => Assert.Throws<CrmException>(() => Check(robot));
}
