namespace Crm.Web.Lists;

/// <summary>Settings of list pages (section Crm:Lists).</summary>
public sealed class ListOptions
{
    public const string Section = "Crm:Lists";

    /// <summary>
    /// The longest a list's count may take before the total is left at "more than" the page. A count of
    /// 1,000 custom-field or full-text matches took about 7-25 ms over a million leads (BENCHMARKS.md, lists).
    /// </summary>
    public TimeSpan CountBudget { get; set; } = TimeSpan.FromMilliseconds(25);
}
