using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Threading.RateLimiting;
using Crm.Grains.Interfaces.Forms;
using Crm.Web.Api;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Crm.Web.Forms;

/// <summary>
/// Web forms: the portal's forms for its admins (<c>/api/forms</c>, the settings right to change), and
/// for anyone, each active form's page (<c>/forms/{portalId}/{formId}</c>) and its entries endpoint
/// (<c>POST /api/public/forms/{portalId}/{formId}/entries</c>), limited per address and form.
/// </summary>
public static class WebFormsApi
{
    private const string EntriesLimit = "web-form-entries";

    public static IServiceCollection AddWebForms(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<WebFormOptions>(configuration.GetSection(WebFormOptions.Section));
        services.AddSingleton<WebFormIntake>();
        services.AddSingleton<WebFormsSettings>();
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(EntriesLimit, context =>
            {
                var perMinute = context.RequestServices.GetRequiredService<IOptions<WebFormOptions>>().Value.EntriesPerMinute;
                var key = $"{context.Connection.RemoteIpAddress}|{context.Request.RouteValues["portalId"]}|{context.Request.RouteValues["formId"]}";
                return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = Math.Max(1, perMinute), Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
                });
            });
        });
        return services;
    }

    public static IEndpointRouteBuilder MapWebFormsApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/forms").RequireAuthorization().WithTags("Web forms");

        admin.MapGet("", async (ClaimsPrincipal user, WebFormsSettings forms) => TypedResults.Ok(await forms.GetAll(RequestUser.Of(user))))
            .WithName("GetWebForms").WithDescription("The portal's web forms.");

        admin.MapPut("/{formId}", async (ClaimsPrincipal user, WebFormsSettings forms, string formId, WebForm? body) =>
            TypedResults.Ok(await forms.Set(RequestUser.Of(user), formId, body)))
            .WithName("SetWebForm").WithDescription("Adds or replaces the form with this id (1-40 lower-case letters, digits, dashes).");

        admin.MapDelete("/{formId}", async (ClaimsPrincipal user, WebFormsSettings forms, string formId) =>
        {
            await forms.Delete(RequestUser.Of(user), formId);
            return TypedResults.NoContent();
        }).WithName("DeleteWebForm");

        app.MapGet("/forms/{portalId:int}/{formId}", async (HttpContext http, WebFormIntake intake, int portalId, string formId) =>
        {
            var form = await intake.Form(portalId, formId);
            var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            // Any site may show the form in a frame; nothing else runs or loads.
            http.Response.Headers.ContentSecurityPolicy =
                $"default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-{nonce}'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors *";
            return Results.Content(WebFormPage.Render(portalId, form, nonce), "text/html; charset=utf-8");
        }).AllowAnonymous().WithTags("Web forms").WithName("WebFormPage").ExcludeFromDescription();

        app.MapPost("/api/public/forms/{portalId:int}/{formId}/entries", async (WebFormIntake intake, int portalId, string formId, WebFormEntry? body) =>
        {
            var receipt = await intake.Submit(portalId, formId, body);
            return TypedResults.Ok(new { message = receipt.Message });
        }).AllowAnonymous().RequireRateLimiting(EntriesLimit)
            .WithMetadata(new RateLimitRefusal("too_many_entries", "Too many entries from your address for this form: please wait a minute and try again."))
            .WithTags("Web forms").WithName("SendWebFormEntry")
            .WithDescription("A client's entry {name, email, phone, message}: fires the WebForm triggers of the client's open leads and deals, or creates a lead.");

        return app;
    }
}
