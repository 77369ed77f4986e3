using Crm.Grains.Interfaces.CustomFields;
using Crm.Silo.ReadModel;

namespace Crm.Web.Lists;

/// <summary>
/// The order of a list: one field of the record type, standard or custom, in either direction, then
/// id in the same direction. The id makes the order total, so pages neither repeat nor skip a row;
/// descending is the exact reverse of ascending (empty values last ascending, first descending),
/// which lets the planner read a field's index backwards instead of sorting every match.
/// A key from a request is only looked up among the portal's fields: what reaches SQL is the
/// field's own expression (a read-model column, or the UF_CRM_n code the portal generated).
/// </summary>
public sealed record ListSort(ListField Field, bool Descending)
{
    /// <summary>Sort names the API took before lists sorted by field key; they stay valid.</summary>
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["status"] = "statusId",
        ["stage"] = "stageId",
    };

    /// <summary>Whether the order is by id alone (see <see cref="ListQuery.ById"/>).</summary>
    public bool ById => Field.Key == "id";

    /// <summary>The ORDER BY list, ending with id.</summary>
    public string Order => ById ? $"id{Direction}" : $"{Expression(Field)}{Direction}, id{Direction}";

    private string Direction => Descending ? " DESC" : "";

    /// <summary>
    /// The order by the field <paramref name="key"/> names among <paramref name="fields"/>: its key
    /// or custom code in any case, or an older sort name; anything else is refused with the keys
    /// that would do.
    /// </summary>
    public static ListSort By(IReadOnlyList<ListField> fields, string key, bool descending)
    {
        var name = Aliases.GetValueOrDefault(key.Trim(), key.Trim());
        var field = fields.FirstOrDefault(f => f.Sortable && string.Equals(f.Key, name, StringComparison.OrdinalIgnoreCase))
            ?? throw CrmException.Invalid("invalid_sort",
                $"Cannot sort by '{key}'; use one of {string.Join(", ", fields.Where(f => f.Sortable).Select(f => f.Key))}.", "sort");
        return new ListSort(field, descending);
    }

    /// <summary>The order of a list whose request names none: the order each list has always had.</summary>
    public static ListSort Default(string recordKind, bool? descending = null) => recordKind switch
    {
        "contact" => By(ListFields.Contact, "id", descending ?? true), // newest first
        "company" => By(ListFields.Company, "title", descending ?? false), // by name
        _ => By(ListFields.For(recordKind, []), "id", descending ?? false),
    };

    /// <summary>The field's value typed for comparing; an empty value is NULL, which sorts last ascending.</summary>
    private static string Expression(ListField field) => field.Custom switch
    {
        // Standard text columns hold '' when empty.
        null => field.Type == ListFieldType.Text ? $"NULLIF({field.Sql}, '')" : field.Sql,
        // Canonical values are true/false; false sorts first.
        { Type: CustomFieldType.Boolean } => $"({field.Sql})::boolean",
        // Numbers and money amounts as numerics; dates as their yyyy-MM-dd text, which sorts by date.
        // Both are the expressions of the field's own index (a filter's range uses it too).
        var custom => CustomFieldIndexes.RangeExpression(custom) ?? field.Sql,
    };
}
