namespace Crm.Grains.Common;

/// <summary>How a grain writes its state when a failure must not leave memory ahead of the database.</summary>
public static class StateWrites
{
    /// <summary>Writes the state; a failed write deactivates the grain, so its next call reloads what is stored.</summary>
    public static async Task WriteOrReload<TState>(this Grain grain, IPersistentState<TState> state)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            grain.DeactivateOnIdle();
            throw;
        }
    }
}
