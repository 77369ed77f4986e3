using Crm.Grains.Common;
using Crm.Grains.Interfaces.CustomFields;
using Crm.Grains.ReadModel;

namespace Crm.Grains.CustomFields;

/// <summary>The single writer of a portal's custom field definitions; key is the portal id.</summary>
[GrainType("custom-fields")]
public sealed class CustomFieldsGrain(
    [PersistentState("fields", StorageNames.Crm)] IPersistentState<CustomFieldsState> state,
    ICustomFieldIndexes indexes) : Grain, ICustomFieldsGrain
{
    private int PortalId => (int)this.GetPrimaryKeyLong();

    public Task<IReadOnlyList<CustomField>> Get(string? recordKind) =>
        Task.FromResult<IReadOnlyList<CustomField>>(state.State.Fields.Where(f => recordKind is null || f.RecordKind == recordKind).ToList());

    public async Task<CustomField> Add(CustomFieldDefinition definition, int actorId)
    {
        var d = CustomFieldRules.Check(definition);
        if (state.State.Fields.Count(f => f.RecordKind == d.RecordKind) >= CustomFieldRules.MaxFieldsPerKind)
            throw CrmException.Invalid("too_many_custom_fields", $"A record type can have at most {CustomFieldRules.MaxFieldsPerKind} custom fields.", "recordKind");
        if (state.State.Fields.Any(f => f.RecordKind == d.RecordKind && string.Equals(f.Label, d.Label, StringComparison.OrdinalIgnoreCase)))
            throw CrmException.Invalid("duplicate_label", $"The {d.RecordKind} already has a field '{d.Label}'.", "label");
        var field = new CustomField($"UF_CRM_{state.State.NextNumber}", d.RecordKind, d.Label, d.Type, d.Required, d.Items);
        // The index first: a field whose index failed is not offered for filtering.
        await indexes.Ensure(PortalId, field);
        state.State.Fields = [.. state.State.Fields, field];
        state.State.NextNumber++;
        await state.WriteStateAsync();
        return field;
    }

    public async Task<CustomField> Update(string code, CustomFieldDefinition definition, int actorId)
    {
        var current = Find(code);
        var d = CustomFieldRules.Check(definition with { RecordKind = current.RecordKind, Type = current.Type });
        if (state.State.Fields.Any(f => f.Code != code && f.RecordKind == d.RecordKind && string.Equals(f.Label, d.Label, StringComparison.OrdinalIgnoreCase)))
            throw CrmException.Invalid("duplicate_label", $"The {d.RecordKind} already has a field '{d.Label}'.", "label");
        // Records keep the ids of list items; an item that goes away would leave values nobody can show.
        var removed = (current.Items ?? []).Where(i => d.Items!.All(n => n.Id != i.Id)).ToList();
        if (removed.Count > 0)
            throw CrmException.Invalid("list_item_removed", $"List items cannot be removed (records may use them): {string.Join(", ", removed.Select(i => i.Name))}. Rename them instead.", "items");
        var field = current with { Label = d.Label, Required = d.Required, Items = d.Items };
        state.State.Fields = state.State.Fields.Select(f => f.Code == code ? field : f).ToList();
        await state.WriteStateAsync();
        return field;
    }

    public async Task Delete(string code, int actorId)
    {
        var field = Find(code);
        state.State.Fields = state.State.Fields.Where(f => f.Code != code).ToList();
        await state.WriteStateAsync();
        await indexes.Drop(PortalId, field);
    }

    private CustomField Find(string code) => state.State.Fields.FirstOrDefault(f => f.Code == code)
        ?? throw CrmException.NotFound("custom_field_not_found", $"Custom field {code} does not exist.");
}

public sealed class CustomFieldsState
{
    public IReadOnlyList<CustomField> Fields { get; set; } = [];
    public int NextNumber { get; set; } = 1;
}
