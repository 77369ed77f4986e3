namespace Crm.Web.Import;

/// <summary>Settings of CSV import (section Crm:Import).</summary>
public sealed class ImportOptions
{
    public const string Section = "Crm:Import";

    /// <summary>
    /// Rows written at once by a job. Each write waits on a few database round trips, so some
    /// concurrency keeps the machine busy; more only queues at the database (see BENCHMARKS.md).
    /// </summary>
    public int Concurrency { get; set; } = 16;
}
