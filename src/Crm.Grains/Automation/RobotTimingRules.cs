using Crm.Grains.Interfaces.Automation;

namespace Crm.Grains.Automation;

/// <summary>Checks when a robot runs and returns the timing with the members its kind does not use reset.</summary>
public static class RobotTimingRules
{
    public static RobotTiming Check(RobotTiming? timing, RobotFieldCatalogue catalogue)
    {
        var t = timing ?? RobotTiming.Now;
        if (!Enum.IsDefined(t.Kind))
            throw CrmException.Invalid("unknown_timing", $"'{t.Kind}' is not a robot timing.", "timing.kind");
        if (!Enum.IsDefined(t.Unit))
            throw CrmException.Invalid("unknown_time_unit", $"'{t.Unit}' is not a time unit; use minutes, hours or days.", "timing.unit");
        switch (t.Kind)
        {
            case RobotTimingKind.After:
                if (t.Amount <= 0 || Minutes(t) > RobotLimits.MaxMinutes)
                    throw OutOfRange("A delay is from 1 minute to 365 days.");
                return t with { FieldCode = null, Before = false };
            case RobotTimingKind.AtField:
                if (string.IsNullOrWhiteSpace(t.FieldCode))
                    throw CrmException.Invalid("timing_field_required", "Say which date field the robot runs at.", "timing.fieldCode");
                var field = catalogue.Find(t.FieldCode)
                    ?? throw CrmException.Invalid("unknown_field", $"'{t.FieldCode}' is not a {catalogue.RecordKind} field.", "timing.fieldCode");
                if (!field.IsDate)
                    throw CrmException.Invalid("timing_field_not_date", $"{field.Code} is not a date; a robot can run only at a date or date-time field.", "timing.fieldCode");
                if (t.Amount < 0 || Minutes(t) > RobotLimits.MaxMinutes)
                    throw OutOfRange("An offset from a date field is from 0 to 365 days (choose before or after).");
                return t.Amount == 0
                    ? t with { FieldCode = field.Code, Unit = RobotTimeUnit.Minutes, Before = false }
                    : t with { FieldCode = field.Code };
            default:
                return t with { Amount = 0, Unit = RobotTimeUnit.Minutes, FieldCode = null, Before = false };
        }
    }

    private static long Minutes(RobotTiming t) => t.Unit switch
    {
        RobotTimeUnit.Days => t.Amount * 1440L,
        RobotTimeUnit.Hours => t.Amount * 60L,
        _ => t.Amount,
    };

    private static CrmException OutOfRange(string message) => CrmException.Invalid("delay_out_of_range", message, "timing.amount");
}
