using System.Globalization;

namespace Crm.Grains.Common;

/// <summary>How field values read on a timeline (invariant text), and the list of changes between two versions.</summary>
public static class TimelineText
{
    /// <summary>The actor of what automation does (robots, triggers); timelines show it as "System".</summary>
    public const int AutomationActor = 0;

    /// <summary>The timeline action of a move made by a trigger: which trigger, on what event.</summary>
    public static string ByTrigger(Interfaces.Automation.TriggerHit hit) => $"moved by trigger '{hit.TriggerName}' ({hit.Event})";

    public static string Points(IReadOnlyList<ContactPoint>? points) =>
        string.Join(", ", (points ?? []).Select(p => $"{p.Value} ({p.Type.ToString().ToLowerInvariant()})"));

    public static string Money(decimal amount) => amount.ToString(CultureInfo.InvariantCulture);

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Address(Address? a) => a is null ? "" :
        string.Join(", ", new[] { a.Street, a.PostalCode, a.City, a.Region, a.Country }.Where(s => s.Length > 0));

    /// <summary>Collects (field, old, new) for fields whose text differs.</summary>
    public sealed class Changes
    {
        private readonly List<FieldChange> _changes = [];

        public Changes Add(string field, string? old, string? @new)
        {
            if (old != @new) _changes.Add(new FieldChange(field, old, @new));
            return this;
        }

        /// <summary>Changed custom field values, each under its code.</summary>
        public Changes AddCustom(IReadOnlyDictionary<string, string>? old, IReadOnlyDictionary<string, string>? @new)
        {
            foreach (var code in (old?.Keys ?? []).Union(@new?.Keys ?? []).Order(StringComparer.Ordinal))
                Add(code, old is null ? null : old.GetValueOrDefault(code, ""), @new?.GetValueOrDefault(code, "") ?? "");
            return this;
        }

        /// <summary>All changes, or for a new record (no old values) only the fields that have a value.</summary>
        public IReadOnlyList<FieldChange> ToList(bool created) =>
            created ? _changes.Where(c => !string.IsNullOrEmpty(c.New)).ToList() : _changes;
    }
}
