using Crm.Grains.Interfaces.Activities;

namespace Crm.Grains.Automation;

/// <summary>
/// A record as its robots see it when one runs: its values by catalogue code, the catalogue, its
/// responsible, how the client is reached (first e-mail and phone: the lead's own, or a deal's first
/// contact's, else its company's) and the records a deal it creates links to.
/// </summary>
public sealed record RobotRecordView(
    RecordRef Record,
    IReadOnlyDictionary<string, string> Values,
    RobotFieldCatalogue Catalogue,
    int ResponsibleId,
    string? Email,
    string? Phone,
    long? CompanyId,
    IReadOnlyList<long> ContactIds)
{
    public string Render(string? template) => RobotTemplate.Render(template, Values, Catalogue);

    /// <summary>Names one run of one robot on this record: outbox messages and notifications carry it, so a repeated run is refused.</summary>
    public string DedupeKey(RobotJob job) => $"robot:{Record.Kind}:{Record.Id}:{job.Id}";
}
