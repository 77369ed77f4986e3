namespace Crm.Web.Components.Pages.Stream;

/// <summary>How the stream shows reactions.</summary>
public static class Reactions
{
    public static readonly IReadOnlyList<(string Name, string Symbol)> All =
        [("like", "👍"), ("love", "❤️"), ("laugh", "😄"), ("wow", "😮"), ("sad", "😢"), ("angry", "😠")];

    public static string Symbol(string name) => All.FirstOrDefault(r => r.Name == name).Symbol ?? name;

    /// <summary>The user's own reaction, if any.</summary>
    public static string? Mine(IReadOnlyDictionary<string, IReadOnlyList<int>> reactions, int userId) =>
        reactions.FirstOrDefault(r => r.Value.Contains(userId)).Key;
}
