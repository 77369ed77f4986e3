namespace Crm.Web.Import;

/// <summary>
/// One row as checked: its record (normalised by the record's rules) or its error, and the record or
/// earlier row (<see cref="Original"/>, an index into the plan) it may duplicate.
/// </summary>
public sealed record PlannedRow<T>(int Row, T? Record, RowError? Error, DuplicateOf? Duplicate = null, int? Original = null) where T : class;

/// <summary>
/// The checked rows of a file, and the groups they are written in: rows that duplicate each other or
/// the same existing record are one group, written one after the other, so that a later row sees
/// what an earlier one created and two merges never race for one record.
/// </summary>
public sealed record ImportPlan<T>(IReadOnlyList<PlannedRow<T>> Rows, IReadOnlyList<IReadOnlyList<int>> Groups) where T : class;
