using Crm.Web.Access;

namespace Crm.Web.Components.Shared;

/// <summary>The portal's users by id, for showing names next to ids.</summary>
public sealed class UserNames(IReadOnlyList<UserSummary> users)
{
    private readonly Dictionary<int, string> _names = users.ToDictionary(u => u.Id, u => u.DisplayName);

    public IReadOnlyList<UserSummary> All { get; } = users;

    public string this[int id] => id == 0 ? "System" : _names.GetValueOrDefault(id) ?? $"User {id}";
}
