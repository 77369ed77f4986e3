namespace Crm.Web.Forms;

/// <summary>Limits of the public form endpoints; bound from "Crm:Forms".</summary>
public sealed class WebFormOptions
{
    public const string Section = "Crm:Forms";

    /// <summary>Entries one address may send to one form a minute: a person never needs more; a script is stopped.</summary>
    public int EntriesPerMinute { get; set; } = 10;
}
