using Crm.Grains.Interfaces.CustomFields;
using Crm.Grains.Interfaces.Lists;

namespace Crm.Web.Lists;

/// <summary>How a list field is compared and shown; decides which filter operators it offers.</summary>
public enum ListFieldType
{
    Id,
    Text,
    List,
    Number,
    DateTime,
    Date,
    Boolean,
    User,
    Phone,
    Email,
}

/// <summary>
/// A field lists can show, filter and export: a read-model column (<see cref="Sql"/>) or a custom
/// field (<see cref="Custom"/>, held in the jsonb <c>custom</c> column). <see cref="ListName"/>
/// names the selection list its values come from, for pickers.
/// </summary>
public sealed record ListField(string Key, string Label, ListFieldType Type, string Sql, string? ListName = null, CustomField? Custom = null)
{
    public IReadOnlyList<FilterOp> Operators => Type switch
    {
        ListFieldType.Id => [FilterOp.Eq, FilterOp.In, FilterOp.Range],
        ListFieldType.Text => [FilterOp.Contains, FilterOp.Eq, FilterOp.In, FilterOp.Empty, FilterOp.NotEmpty],
        ListFieldType.List or ListFieldType.User => [FilterOp.In, FilterOp.Eq, FilterOp.Empty, FilterOp.NotEmpty],
        ListFieldType.Number => [FilterOp.Range, FilterOp.Eq, FilterOp.Empty, FilterOp.NotEmpty],
        ListFieldType.DateTime => [FilterOp.Range, FilterOp.Eq],
        ListFieldType.Date => [FilterOp.Range, FilterOp.Eq, FilterOp.Empty, FilterOp.NotEmpty],
        ListFieldType.Boolean => [FilterOp.Eq],
        ListFieldType.Phone or ListFieldType.Email => [FilterOp.Contains, FilterOp.Eq, FilterOp.Empty, FilterOp.NotEmpty],
        _ => [],
    };

    /// <summary>Whether lists can be sorted by it: phones and e-mails are lists of values with no order a reader would expect.</summary>
    public bool Sortable => Type is not (ListFieldType.Phone or ListFieldType.Email);

    public static ListField Of(CustomField field) => new(field.Code, field.Label, field.Type switch
    {
        CustomFieldType.Number or CustomFieldType.Money => ListFieldType.Number,
        CustomFieldType.Date => ListFieldType.Date,
        CustomFieldType.Boolean => ListFieldType.Boolean,
        CustomFieldType.List => ListFieldType.List,
        CustomFieldType.User => ListFieldType.User,
        _ => ListFieldType.Text,
    }, $"custom->>'{field.Code}'", Custom: field);
}
