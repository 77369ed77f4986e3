using System.Text.RegularExpressions;
using Crm.Grains.Interfaces.Settings;

namespace Crm.Grains.Settings;

/// <summary>
/// What makes a selection list valid. A list is replaced whole; these checks return it normalised
/// (ids trimmed and upper-cased, names trimmed, colours upper-cased) or throw the first broken rule,
/// with the field at fault as a path into the list ("[2].name").
/// </summary>
public static partial class ListRules
{
    public const int MaxItems = 100;
    public const int MaxIdLength = 50;
    public const int MaxNameLength = 100;

    public static IReadOnlyList<ListItem> CheckItems(IReadOnlyList<ListItem?>? items)
    {
        CheckCount(items);
        var list = items!.Select((item, i) => item is null
            ? throw CrmException.Invalid("item_required", $"Item {i + 1} of the list is empty.", $"[{i}]")
            : new ListItem(Id(item.Id, i), Name(item.Name, i))).ToList();
        CheckUnique(list.Select(i => i.Id).ToList());
        return list;
    }

    /// <summary>
    /// Lead statuses read left to right on the board: the in-progress statuses first (a new lead
    /// lands in the first), then the final ones: exactly one converted status (where conversion puts
    /// a lead) and at least one junk status, as Bitrix24 keeps its CONVERTED and JUNK statuses.
    /// </summary>
    public static IReadOnlyList<LeadStatus> CheckLeadStatuses(IReadOnlyList<LeadStatus?>? statuses)
    {
        CheckCount(statuses);
        var list = statuses!.Select((status, i) => status is null
            ? throw CrmException.Invalid("item_required", $"Status {i + 1} of the list is empty.", $"[{i}]")
            : new LeadStatus(Id(status.Id, i), Name(status.Name, i), Color(status.Color, i), Semantic(status.Semantic, i))).ToList();
        CheckUnique(list.Select(s => s.Id).ToList());

        if (!list.Any(s => s.Semantic == LeadStatusSemantic.InProgress))
            throw CrmException.Invalid("no_in_progress_status", "Leads need at least one in-progress status.");
        var converted = list.Count(s => s.Semantic == LeadStatusSemantic.Converted);
        if (converted != 1)
            throw CrmException.Invalid(converted == 0 ? "no_converted_status" : "several_converted_statuses",
                $"Leads need exactly one converted status (the one a conversion puts them in); this list has {converted}.");
        if (!list.Any(s => s.Semantic == LeadStatusSemantic.Junk))
            throw CrmException.Invalid("no_junk_status", "Leads need at least one junk status.");
        var firstFinal = list.FindIndex(s => s.Semantic != LeadStatusSemantic.InProgress);
        var late = list.FindIndex(firstFinal, s => s.Semantic == LeadStatusSemantic.InProgress);
        if (late >= 0)
            throw CrmException.Invalid("final_before_in_progress",
                $"In-progress statuses come before the converted and junk statuses; move '{list[late].Name}' up.", $"[{late}].semantic");
        return list;
    }

    /// <summary>The ids of <paramref name="before"/> that <paramref name="after"/> no longer has.</summary>
    public static IReadOnlyList<string> Removed(IEnumerable<string> before, IEnumerable<string> after) =>
        before.Except(after, StringComparer.Ordinal).ToList();

    /// <summary>
    /// Statuses whose meaning changes to or from converted while leads may be in them: a converted
    /// lead must stay converted, and a lead that was never converted must not become so by a rename.
    /// </summary>
    public static IReadOnlyList<string> ConversionMeaningChanged(IReadOnlyList<LeadStatus> before, IReadOnlyList<LeadStatus> after) =>
        after.Where(s => before.FirstOrDefault(b => b.Id == s.Id) is { } old && old.Semantic != s.Semantic
                && (old.Semantic == LeadStatusSemantic.Converted || s.Semantic == LeadStatusSemantic.Converted))
            .Select(s => s.Id).ToList();

    /// <summary>
    /// An id for a new item, made from its name ("Trade fair" becomes TRADE_FAIR), made unique among
    /// <paramref name="taken"/> with a number; ITEM when the name has no Latin letters or digits.
    /// </summary>
    public static string SuggestId(string? name, IEnumerable<string> taken)
    {
        var slug = NotIdCharacters().Replace((name ?? "").Trim().ToUpperInvariant(), "_").Trim('_');
        if (slug.Length > MaxIdLength - 4) slug = slug[..(MaxIdLength - 4)].TrimEnd('_');
        if (slug.Length == 0) slug = "ITEM";
        var used = taken.ToHashSet(StringComparer.Ordinal);
        var id = slug;
        for (var n = 2; used.Contains(id); n++) id = $"{slug}_{n}";
        return id;
    }

    private static void CheckCount<T>(IReadOnlyList<T>? items)
    {
        if (items is null)
            throw CrmException.Invalid("items_required", "Send the whole list, as an array of items.");
        if (items.Count > MaxItems)
            throw CrmException.Invalid("too_many_items", $"A list can have at most {MaxItems} items; this one has {items.Count}.");
    }

    private static void CheckUnique(IReadOnlyList<string> ids)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ids.Count; i++)
            if (!seen.Add(ids[i]))
                throw CrmException.Invalid("duplicate_list_id", $"The id '{ids[i]}' appears more than once; ids must be unique.", $"[{i}].id");
    }

    private static string Id(string? id, int index)
    {
        var normal = id?.Trim().ToUpperInvariant() ?? "";
        return IdPattern().IsMatch(normal) ? normal
            : throw CrmException.Invalid("invalid_list_id",
                $"'{id}' is not a valid id: use 1 to {MaxIdLength} letters A-Z, digits and underscores.", $"[{index}].id");
    }

    private static string Name(string? name, int index)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0)
            throw CrmException.Invalid("name_required", $"Item {index + 1} needs a name.", $"[{index}].name");
        if (trimmed.Length > MaxNameLength)
            throw CrmException.Invalid("name_too_long", $"A name can be at most {MaxNameLength} characters.", $"[{index}].name");
        if (trimmed.Any(char.IsControl))
            throw CrmException.Invalid("name_not_single_line", $"The name of item {index + 1} must be a single line without control characters.", $"[{index}].name");
        return trimmed;
    }

    private static string Color(string? color, int index) =>
        color is not null && ColorPattern().IsMatch(color) ? color.ToUpperInvariant()
            : throw CrmException.Invalid("invalid_color", $"'{color}' is not a colour; use #RRGGBB.", $"[{index}].color");

    private static LeadStatusSemantic Semantic(LeadStatusSemantic semantic, int index) =>
        Enum.IsDefined(semantic) ? semantic
            : throw CrmException.Invalid("invalid_semantic", $"Status {index + 1} needs a meaning: inProgress, converted or junk.", $"[{index}].semantic");

    [GeneratedRegex(@"^[A-Z0-9_]{1,50}\z")]
    private static partial Regex IdPattern();

    [GeneratedRegex("[^A-Z0-9_]+")]
    private static partial Regex NotIdCharacters();

    [GeneratedRegex(@"^#[0-9A-Fa-f]{6}\z")]
    private static partial Regex ColorPattern();
}
