using System.Globalization;
using Crm.Grains.Interfaces.Deals;
using Crm.Grains.Interfaces.Leads;

namespace Crm.Grains.Automation;

/// <summary>
/// A record's values by catalogue code, in canonical text (numbers invariant, dates yyyy-MM-dd,
/// date-times ISO 8601 UTC, booleans true/false), for conditions, templates and AtField timing.
/// Empty values are "" (standard fields) or absent (custom fields); both read as empty. The
/// responsible's name is not in the record: the caller gives it (from the user directory).
/// </summary>
public static class RobotFieldValues
{
    public static IReadOnlyDictionary<string, string> Of(Deal deal, string? responsibleName = null, string? stageName = null)
    {
        var values = New(deal.Custom);
        values["id"] = Number(deal.Id);
        values["title"] = deal.Title;
        values["amount"] = Number(deal.Amount);
        values["currency"] = deal.Currency;
        values["pipelineId"] = Number(deal.PipelineId);
        values["stageId"] = deal.StageId;
        values["stage"] = stageName ?? deal.StageId;
        values["responsibleId"] = Number(deal.ResponsibleId);
        values["responsible"] = responsibleName ?? "";
        values["beginDate"] = Date(deal.BeginDate);
        values["closeDate"] = Date(deal.CloseDate);
        values["comments"] = deal.Comments;
        values["isClosed"] = deal.IsClosed ? "true" : "false";
        values["companyId"] = deal.CompanyId is { } company ? Number(company) : "";
        values["createdAt"] = Instant(deal.CreatedAt);
        values["createdBy"] = Number(deal.CreatedBy);
        values["updatedAt"] = Instant(deal.UpdatedAt);
        return values;
    }

    public static IReadOnlyDictionary<string, string> Of(Lead lead, string? responsibleName = null, string? statusName = null)
    {
        var f = lead.Fields;
        var values = New(f.Custom);
        values["id"] = Number(lead.Id);
        values["title"] = f.Title;
        values["statusId"] = lead.StatusId;
        values["status"] = statusName ?? lead.StatusId;
        values["name"] = string.Join(" ", new[] { f.FirstName, f.SecondName, f.LastName }.Where(s => !string.IsNullOrWhiteSpace(s)));
        values["firstName"] = f.FirstName;
        values["secondName"] = f.SecondName;
        values["lastName"] = f.LastName;
        values["companyName"] = f.CompanyName;
        // The first phone and e-mail: the ones a message to the lead goes to.
        values["phone"] = f.Phones?.FirstOrDefault()?.Value ?? "";
        values["email"] = f.Emails?.FirstOrDefault()?.Value ?? "";
        values["sourceId"] = f.SourceId;
        values["sourceDescription"] = f.SourceDescription;
        values["amount"] = Number(f.Amount);
        values["currency"] = f.Currency;
        values["responsibleId"] = Number(f.ResponsibleId);
        values["responsible"] = responsibleName ?? "";
        values["comments"] = f.Comments;
        values["utmSource"] = f.Utm?.Source ?? "";
        values["utmMedium"] = f.Utm?.Medium ?? "";
        values["utmCampaign"] = f.Utm?.Campaign ?? "";
        values["utmContent"] = f.Utm?.Content ?? "";
        values["utmTerm"] = f.Utm?.Term ?? "";
        values["createdAt"] = Instant(lead.CreatedAt);
        values["createdBy"] = Number(lead.CreatedBy);
        values["updatedAt"] = Instant(lead.UpdatedAt);
        return values;
    }

    /// <summary>The canonical text of an instant: UTC to the second.</summary>
    public static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static Dictionary<string, string> New(IReadOnlyDictionary<string, string>? custom)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (code, value) in custom ?? new Dictionary<string, string>()) values[code] = value;
        return values;
    }

    private static string Number<T>(T value) where T : IFormattable => value.ToString(null, CultureInfo.InvariantCulture);

    private static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
