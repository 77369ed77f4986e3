using System.Globalization;
using Crm.Grains.Common;
using Crm.Grains.Interfaces.CustomFields;
using Crm.Grains.Interfaces.Settings;

namespace Crm.Grains.CustomFields;

/// <summary>What makes a custom field definition valid.</summary>
public static class CustomFieldRules
{
    public const int MaxFieldsPerKind = 100;
    public const int MaxListItems = 200;

    /// <summary>A checked definition; list items without an id get the next free number.</summary>
    public static CustomFieldDefinition Check(CustomFieldDefinition definition)
    {
        if (!RecordOwners.Kinds.Contains(definition.RecordKind))
            throw CrmException.Invalid("unknown_record_kind", $"'{definition.RecordKind}' is not a record type; use one of {string.Join(", ", RecordOwners.Kinds)}.", "recordKind");
        if (!Enum.IsDefined(definition.Type))
            throw CrmException.Invalid("unknown_field_type", $"'{definition.Type}' is not a custom field type.", "type");
        var label = FieldRules.Text(definition.Label, "label", 100);
        if (label.Length == 0)
            throw CrmException.Invalid("label_required", "A custom field needs a label.", "label");
        return definition with { Label = label, Items = definition.Type == CustomFieldType.List ? Items(definition.Items) : null };
    }

    private static IReadOnlyList<ListItem> Items(IReadOnlyList<ListItem>? items)
    {
        if (items is not { Count: > 0 })
            throw CrmException.Invalid("list_items_required", "A list field needs at least one item.", "items");
        if (items.Count > MaxListItems)
            throw CrmException.Invalid("too_many_list_items", $"A list field can have at most {MaxListItems} items.", "items");
        var next = items.Select(i => int.TryParse(i.Id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0).DefaultIfEmpty().Max() + 1;
        var result = new List<ListItem>();
        foreach (var item in items)
        {
            var name = FieldRules.Text(item.Name, "items.name", 100);
            if (name.Length == 0)
                throw CrmException.Invalid("list_item_name_required", "Every list item needs a name.", "items");
            var id = string.IsNullOrWhiteSpace(item.Id) ? (next++).ToString(CultureInfo.InvariantCulture) : item.Id.Trim();
            if (result.Any(r => r.Id == id || string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase)))
                throw CrmException.Invalid("duplicate_list_item", $"The list has '{name}' (or id {id}) twice.", "items");
            result.Add(new ListItem(id, name));
        }
        return result;
    }
}
