using Crm.Grains.Interfaces.CustomFields;
using Crm.Grains.ReadModel;

namespace Crm.Grains.CustomFields;

/// <summary>How record grains check the custom values of a command against the portal's fields.</summary>
public static class CustomFieldChecks
{
    public static async Task<IReadOnlyDictionary<string, string>?> CheckCustom(this IGrainFactory grains, IUserDirectory users,
        int portalId, string recordKind, IReadOnlyDictionary<string, string>? values)
    {
        var fields = await grains.GetGrain<ICustomFieldsGrain>(portalId).Get(recordKind);
        if (fields.Count == 0 && values is not { Count: > 0 }) return null;
        var (result, userIds) = CustomValues.Check(values, fields);
        foreach (var userId in userIds)
            if (!await users.IsActiveUser(portalId, userId))
                throw CrmException.Invalid("unknown_user", $"User {userId} is not an active user of this portal.", "custom");
        return result;
    }
}
