using Crm.Grains.Common;
using Crm.Grains.Interfaces.Lists;

namespace Crm.Grains.Lists;

/// <summary>A user's saved list filters. Conditions are checked against the fields when a list applies them (fields can change since).</summary>
[GrainType("list-presets")]
public sealed class ListPresetsGrain([PersistentState("presets", StorageNames.Crm)] IPersistentState<ListPresetsState> state) : Grain, IListPresetsGrain
{
    public const int MaxPresets = 50;

    public Task<IReadOnlyList<ListPreset>> Get(string recordKind) =>
        Task.FromResult<IReadOnlyList<ListPreset>>(state.State.Presets.Where(p => p.RecordKind == recordKind).ToList());

    public async Task<ListPreset> Save(ListPreset preset)
    {
        var name = FieldRules.Text(preset.Name, "name", 100);
        if (name.Length == 0)
            throw CrmException.Invalid("name_required", "A saved filter needs a name.", "name");
        if (!RecordOwners.Kinds.Contains(preset.RecordKind))
            throw CrmException.Invalid("unknown_record_kind", $"'{preset.RecordKind}' is not a record type.", "recordKind");
        if (preset.Conditions.Count > 20)
            throw CrmException.Invalid("too_many_conditions", "A filter can have at most 20 conditions.", "conditions");
        var saved = preset with { Name = name };
        var others = state.State.Presets.Where(p => !(p.RecordKind == saved.RecordKind && p.Name == name)).ToList();
        if (others.Count >= MaxPresets)
            throw CrmException.Invalid("too_many_presets", $"A user can save at most {MaxPresets} filters.", "name");
        state.State.Presets = [.. others, saved];
        await state.WriteStateAsync();
        return saved;
    }

    public async Task Delete(string recordKind, string name)
    {
        state.State.Presets = state.State.Presets.Where(p => !(p.RecordKind == recordKind && p.Name == name)).ToList();
        await state.WriteStateAsync();
    }
}

public sealed class ListPresetsState
{
    public IReadOnlyList<ListPreset> Presets { get; set; } = [];
}
