using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Crm.Web.Tests;

/// <summary>Assertions on the API's error answers.</summary>
public static class ApiAssert
{
    /// <summary>Asserts a ProblemDetails answer with the status, code and a readable detail; returns it.</summary>
    public static async Task<JsonElement> ProblemOf(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        return problem;
    }

    /// <summary>As <see cref="ProblemOf"/>; returns the detail text.</summary>
    public static async Task<string> Problem(HttpResponseMessage response, HttpStatusCode status, string code) =>
        (await ProblemOf(response, status, code)).GetProperty("detail").GetString()!;
}
