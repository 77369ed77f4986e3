using System.Net.Http.Json;
using System.Text.Json;

namespace Crm.Web.Tests;

/// <summary>Restricting a test portal's user through the access API, as an admin would.</summary>
public static class AccessSetup
{
    /// <summary>
    /// Gives the user a role with only these rights (<c>{entity, action, scope, pipelineId?, stageId?}</c>)
    /// and then takes the default role (everything but settings) away from everyone; returns the role's id.
    /// </summary>
    public static async Task<int> OnlyRole(HttpClient admin, int userId, string name, params object[] permissions)
    {
        var created = await admin.PostAsJsonAsync("/api/access/roles", new { name, permissions });
        created.EnsureSuccessStatusCode();
        var roleId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        (await admin.PutAsJsonAsync($"/api/access/roles/{roleId}/assignees", new[] { new { kind = "user", subjectId = userId } })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync("/api/access/roles/1/assignees", Array.Empty<object>())).EnsureSuccessStatusCode();
        return roleId;
    }
}
