using Crm.Web.Live;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Crm.Web.Tests;

/// <summary>The hub's Origin check on its own: the configured origins (a public address behind a proxy) pass too.</summary>
public sealed class HubOriginCheckTests
{
    private static async Task<int> Status(string path, string? origin, params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
        var check = new HubOriginCheck(_ => Task.CompletedTask, configuration);
        var context = new DefaultHttpContext();
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("crm.internal:8080");
        context.Request.Path = path;
        if (origin is not null) context.Request.Headers.Origin = origin;
        await check.InvokeAsync(context);
        return context.Response.StatusCode;
    }

    [Fact]
    public async Task Configured_origins_pass_as_a_list_or_one_comma_separated_value()
    {
        Assert.Equal(200, await Status("/hubs/board/negotiate", "https://crm.example.com", ("Crm:AllowedOrigins:0", "https://crm.example.com/")));
        Assert.Equal(200, await Status("/hubs/board", "https://b.example", ("Crm:AllowedOrigins", "https://a.example, https://b.example")));
        Assert.Equal(403, await Status("/hubs/board", "https://c.example", ("Crm:AllowedOrigins", "https://a.example, https://b.example")));
    }

    [Fact]
    public async Task The_own_origin_and_no_origin_pass_and_other_paths_are_not_checked()
    {
        Assert.Equal(200, await Status("/hubs/board", "http://crm.internal:8080"));
        Assert.Equal(200, await Status("/hubs/board", null));
        Assert.Equal(403, await Status("/hubs/board", "https://crm.internal:8080"));
        Assert.Equal(200, await Status("/api/leads", "https://evil.example"));
    }
}
