using Crm.Grains.Common;
using K = Crm.Grains.Automation.RobotFieldKind;

namespace Crm.Grains.Automation;

/// <summary>
/// The standard fields of deals and leads that robots use, with the codes the API and timeline use.
/// Stage, status and responsible are read-only here: MoveToStage and SetResponsible change them, so
/// each change has one path with its own checks.
/// </summary>
public static class RobotStandardFields
{
    public static readonly IReadOnlyList<RobotField> Deal =
    [
        new("id", "ID", K.Number),
        new("title", "Title", K.Text, Writable: true, Required: true),
        new("amount", "Amount", K.Number, Writable: true),
        new("currency", "Currency", K.Text, Writable: true, Required: true),
        new("pipelineId", "Pipeline", K.Number),
        new("stageId", "Stage", K.List),
        // What a message to a person says: the stage's name (stageId is for conditions and integrations).
        new("stage", "Stage (name)", K.Text),
        new("responsibleId", "Responsible", K.User),
        new("responsible", "Responsible (name)", K.Text),
        new("beginDate", "Start date", K.Date, Writable: true),
        new("closeDate", "Close date", K.Date, Writable: true),
        new("comments", "Comments", K.Text, Writable: true, MaxLength: FieldRules.MaxCommentsLength, MultiLine: true),
        new("isClosed", "Closed", K.Boolean),
        new("companyId", "Company", K.Number),
        new("createdAt", "Created", K.DateTime),
        new("createdBy", "Created by", K.User),
        new("updatedAt", "Modified", K.DateTime),
    ];

    public static readonly IReadOnlyList<RobotField> Lead =
    [
        new("id", "ID", K.Number),
        new("title", "Title", K.Text, Writable: true, Required: true),
        new("statusId", "Status", K.List),
        new("status", "Status (name)", K.Text),
        new("name", "Full name", K.Text),
        new("firstName", "First name", K.Text, Writable: true, MaxLength: 100),
        new("secondName", "Second name", K.Text, Writable: true, MaxLength: 100),
        new("lastName", "Last name", K.Text, Writable: true, MaxLength: 100),
        new("companyName", "Company name", K.Text, Writable: true),
        new("phone", "Phone", K.Text),
        new("email", "E-mail", K.Text),
        new("sourceId", "Source", K.List, Writable: true, MaxLength: 50),
        new("sourceDescription", "Source information", K.Text, Writable: true),
        new("amount", "Amount", K.Number, Writable: true),
        new("currency", "Currency", K.Text, Writable: true, Required: true),
        new("responsibleId", "Responsible", K.User),
        new("responsible", "Responsible (name)", K.Text),
        new("comments", "Comments", K.Text, Writable: true, MaxLength: FieldRules.MaxCommentsLength, MultiLine: true),
        new("utmSource", "UTM source", K.Text),
        new("utmMedium", "UTM medium", K.Text),
        new("utmCampaign", "UTM campaign", K.Text),
        new("utmContent", "UTM content", K.Text),
        new("utmTerm", "UTM term", K.Text),
        new("createdAt", "Created", K.DateTime),
        new("createdBy", "Created by", K.User),
        new("updatedAt", "Modified", K.DateTime),
    ];
}
