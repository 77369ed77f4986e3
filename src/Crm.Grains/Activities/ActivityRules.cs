using Crm.Grains.Common;
using Crm.Grains.Interfaces.Activities;

namespace Crm.Grains.Activities;

/// <summary>What makes an activity valid; returns its fields normalised.</summary>
public static class ActivityRules
{
    public static ActivityFields Check(ActivityFields fields)
    {
        if (!Enum.IsDefined(fields.Type))
            throw CrmException.Invalid("invalid_type", "An activity is a call, meeting, email or task.", "type");
        var subject = FieldRules.Text(fields.Subject, "subject", 255);
        if (subject.Length == 0)
            throw CrmException.Invalid("subject_required", "An activity needs a subject.", "subject");
        return fields with
        {
            Subject = subject,
            Description = FieldRules.Comments(fields.Description),
            ResponsibleId = FieldRules.Responsible(fields.ResponsibleId, "activity"),
        };
    }
}
