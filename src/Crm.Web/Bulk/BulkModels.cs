using Crm.Grains.Interfaces.Lists;

namespace Crm.Web.Bulk;

/// <summary>What a bulk operation does to each row.</summary>
public enum BulkAction
{
    SetResponsible,
    SetStatus,
    SetStage,
    Delete,
}

/// <summary>
/// A bulk operation on a list: the rows are the given <see cref="Ids"/>, or when there are none, all
/// rows matching <see cref="Filter"/> and <see cref="Search"/> (as the list shows them).
/// </summary>
public sealed record BulkRequest(BulkAction Action, IReadOnlyList<long>? Ids = null, IReadOnlyList<FilterCondition>? Filter = null,
    string? Search = null, int? ResponsibleId = null, string? StatusId = null, string? StageId = null);

/// <summary>One row's outcome: done, or the reason it was not (the error code and message its grain gave).</summary>
public sealed record BulkRowResult(long Id, bool Ok, string? Code = null, string? Message = null);

public sealed record BulkResult(int Total, int Succeeded, int Failed, IReadOnlyList<BulkRowResult> Rows);

/// <summary>How far a running bulk operation is, for a progress bar.</summary>
public readonly record struct BulkProgress(int Done, int Total, int Failed);
