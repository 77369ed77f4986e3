using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Crm.Web.Tests.Chat;

/// <summary>A website visitor and an operator, as the chat tests drive them through the API.</summary>
public static class ChatKit
{
    /// <summary>An anonymous client with a fresh chat session of the portal.</summary>
    public static async Task<HttpClient> Visitor(Uri baseAddress, int portalId)
    {
        var client = new HttpClient { BaseAddress = baseAddress };
        var started = await client.PostAsync($"/api/public/chat/{portalId}/sessions", null);
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        client.DefaultRequestHeaders.Add("X-Chat-Session", (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString());
        return client;
    }

    public static async Task<JsonElement> Say(HttpClient visitor, string text, string? name = null, string? email = null, string? phone = null)
    {
        var response = await visitor.PostAsJsonAsync("/api/public/chat/messages", new { text, name, email, phone });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>A messenger bridge's client: signed in with a new API token of the portal.</summary>
    public static async Task<HttpClient> Bridge(Uri baseAddress, HttpClient admin)
    {
        var token = await (await admin.PostAsJsonAsync("/api/tokens", new { name = "Messenger bridge" })).Content.ReadFromJsonAsync<JsonElement>();
        var bridge = new HttpClient { BaseAddress = baseAddress };
        bridge.DefaultRequestHeaders.Authorization = new("Bearer", token.GetProperty("token").GetString());
        return bridge;
    }

    public static async Task<JsonElement> Conversation(HttpClient operatorClient, long id) =>
        await operatorClient.GetFromJsonAsync<JsonElement>($"/api/chat/conversations/{id}");

    public static long Id(this JsonElement e) => e.GetProperty("id").GetInt64();
}
