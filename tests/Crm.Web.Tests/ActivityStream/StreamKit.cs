using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Crm.Web.Tests.ActivityStream;

/// <summary>What the stream tests do through the API: people, departments, posts.</summary>
public static class StreamKit
{
    public const string Password = "a-good-long-password";

    /// <summary>Adds a user to the admin's portal; returns the new user's id and e-mail.</summary>
    public static async Task<(int Id, string Email)> AddUser(HttpClient admin, string name)
    {
        var email = $"stream-{Guid.NewGuid():N}@test.local";
        var response = await admin.PostAsJsonAsync("/api/users", new { email, displayName = name, password = Password });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return ((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32(), email);
    }

    public static async Task<int> AddDepartment(HttpClient admin, string name, int[] memberIds, int? parentId = null)
    {
        var response = await admin.PostAsJsonAsync("/api/access/departments", new { name, parentId, memberIds });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    public static object Everyone => new { everyone = true };

    public static async Task<JsonElement> Post(HttpClient client, string text, object? audience = null, object? poll = null, long[]? fileIds = null)
    {
        var response = await client.PostAsJsonAsync("/api/stream", new { text, audience = audience ?? Everyone, poll, fileIds });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The ids of the posts the user's stream lists (pinned ones first).</summary>
    public static async Task<List<long>> Stream(HttpClient client)
    {
        var page = await client.GetFromJsonAsync<JsonElement>("/api/stream?limit=100");
        return page.GetProperty("pinned").EnumerateArray().Concat(page.GetProperty("items").EnumerateArray())
            .Select(p => p.GetProperty("id").GetInt64()).ToList();
    }

    public static long Id(this JsonElement post) => post.GetProperty("id").GetInt64();
}
