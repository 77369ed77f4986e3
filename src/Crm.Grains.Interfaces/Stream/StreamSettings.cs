namespace Crm.Grains.Interfaces.Stream;

/// <summary>A portal's activity-stream settings (who may post where is set by roles: the stream's "add" right).</summary>
[GenerateSerializer, Immutable, Alias("crm.stream-settings")]
public sealed record StreamSettings(
    /// <summary>A deal created with at least this amount (in any currency) is told in the stream; null: never.</summary>
    [property: Id(0)] decimal? LargeDealAmount = null);

/// <summary>The stream settings of one portal; key: the portal id.</summary>
public interface IStreamSettingsGrain : IGrainWithIntegerKey
{
    [Orleans.Concurrency.ReadOnly]
    Task<StreamSettings> Get();

    Task<StreamSettings> Set(StreamSettings settings, int actorId);
}
