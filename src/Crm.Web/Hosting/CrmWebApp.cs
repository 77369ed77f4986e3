using Crm.Silo.Hosting;
using Crm.Web.Bulk;
using Crm.Web.CustomFields;
using Crm.Web.Export;
using Crm.Web.Merge;
using Crm.Web.Lists;
using Crm.Web.Access;
using Crm.Web.Api;
using Crm.Web.Forms;
using Crm.Web.Components;
using Crm.Web.Deals;
using Crm.Web.Leads;
using Crm.Web.Contacts;
using Crm.Web.Companies;
using Crm.Web.Duplicates;
using Crm.Web.Import;
using Crm.Web.Activities;
using Crm.Web.Automation;
using Crm.Web.Comments;
using Crm.Web.Live;
using Crm.Web.Outbox;
using Crm.Silo.Outbox;
using Crm.Web.Pipelines;
using Crm.Web.Portals;
using Crm.Web.Settings;
using Crm.Web.Notifications;
using Crm.Web.ActivityStream;
using Crm.Web.Chat;
using Crm.Web.Operator;
using Crm.Web.Users;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor.Services;

namespace Crm.Web.Hosting;

/// <summary>Composes the web node: Orleans (silo or client), identity, UI, hub, APIs, health.</summary>
public static class CrmWebApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // The application name locates the static web assets manifest, also when a test process hosts us.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ApplicationName = typeof(CrmWebApp).Assembly.GetName().Name });
        configure?.Invoke(builder);
        builder.WebHost.UseStaticWebAssets();
        builder.Logging.AddCrmLogging(builder.Configuration);

        var connectionString = DatabaseSettings.ConnectionString(builder.Configuration);
        var cluster = builder.Configuration.GetSection(ClusterSettings.Section).Get<ClusterSettings>() ?? new ClusterSettings();
        var mode = builder.Configuration.GetValue("Crm:Mode", HostingMode.Combined);

        builder.Services.AddCrmMigrations(connectionString);
        if (mode == HostingMode.Combined)
            builder.UseOrleans(silo => silo.AddCrmSilo(connectionString, cluster));
        else
            builder.UseOrleansClient(client => client.AddCrmClient(connectionString, cluster));
        builder.Services.AddCrmReadModel(connectionString);

        AddAccess(builder.Services);
        AddCrmServices(builder.Services);
        builder.Services.Configure<ImportOptions>(builder.Configuration.GetSection(ImportOptions.Section));
        builder.Services.Configure<ListOptions>(builder.Configuration.GetSection(ListOptions.Section));
        builder.Services.Configure<HubSessionOptions>(builder.Configuration.GetSection("Crm:Live"));
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddScoped<AuthenticationStateProvider, ActiveUserRevalidation>();
        builder.Services.AddMudServices();
        builder.Services.AddWebForms(builder.Configuration);
        builder.Services.AddStream(builder.Configuration);
        builder.Services.AddChat(builder.Configuration);
        builder.Services.AddRateLimiter(RateLimitRefusal.Handle);
        builder.Services.AddSignalR().AddJsonProtocol(o => ApiJson.Configure(o.PayloadSerializerOptions));
        builder.Services.Configure<JsonOptions>(o => ApiJson.Configure(o.SerializerOptions));
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<CrmProblemHandler>();
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
            .AddCheck<ClusterHealthCheck>("cluster", tags: ["ready"]);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<HubOriginCheck>();
        app.UseCors();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseRateLimiter();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        app.MapAccountApi();
        app.MapAccessApi();
        app.MapTokensApi();
        app.MapUsersApi();
        app.MapOperatorApi();
        app.MapDealsApi();
        app.MapLeadsApi();
        app.MapCustomFieldsApi();
        app.MapListFieldsApi();
        app.MapBulkApi();
        app.MapMergeApi();
        app.MapExportApi();
        app.MapContactsApi();
        app.MapCompaniesApi();
        app.MapDuplicatesApi();
        app.MapImportApi();
        app.MapActivitiesApi();
        app.MapCommentsApi();
        app.MapPipelinesApi();
        app.MapListsApi();
        app.MapNotificationsApi();
        app.MapOutboxApi();
        app.MapTriggersApi();
        app.MapTriggerEventsApi();
        app.MapTrackedLinksApi();
        app.MapRobotsApi();
        app.MapWebFormsApi();
        app.MapStreamApi();
        app.MapChatApi();
        app.MapHub<BoardHub>(BoardHub.Path);
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    private static void AddAccess(IServiceCollection services)
    {
        PostgresKeyRing.Register(services);
        // One default scheme for UI, API and hub: a request presenting an API token is judged by it,
        // any other by the sign-in cookie, so every RequireAuthorization() endpoint accepts both.
        services.AddAuthentication(ApiTokenAuthentication.CookieOrToken)
            .AddPolicyScheme(ApiTokenAuthentication.CookieOrToken, "Cookie or API token", o => o.ForwardDefaultSelector = ApiTokenAuthentication.SchemeFor)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthentication>(ApiTokenAuthentication.SchemeName, null)
            .AddIdentityCookies();
        services.AddSingleton<ApiTokens>();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/login";
            o.Cookie.Name = "crm.auth";
            o.Cookie.SameSite = SameSiteMode.Lax;
            // API and hub clients get 401/403, not a redirect to the login page.
            o.Events.OnRedirectToLogin = c => Challenge(c, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = c => Challenge(c, StatusCodes.Status403Forbidden);
        });
        services.AddAuthorization();
        services.AddCascadingAuthenticationState();
        services.AddIdentityCore<CrmUser>(o =>
            {
                // Length over composition rules (NIST SP 800-63B).
                o.Password.RequiredLength = 8;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.User.RequireUniqueEmail = true;
            })
            .AddUserStore<UserStore>()
            .AddClaimsPrincipalFactory<CrmClaimsFactory>()
            .AddSignInManager();
        // After Identity's own: a deactivated user's cookie is refused at the next request, not 30 minutes later.
        services.AddScoped<ISecurityStampValidator, ActiveSessionValidator>();
    }

    private static Task Challenge(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs"))
            context.Response.StatusCode = status;
        else
            context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    private static void AddCrmServices(IServiceCollection services)
    {
        services.AddSingleton<DealQueries>();
        services.AddSingleton<UserQueries>();
        services.AddSingleton<AuditQueries>();
        services.AddSingleton<DealService>();
        services.AddSingleton<Leads.LeadQueries>();
        services.AddSingleton<Lists.ListCatalog>();
        services.AddSingleton<ListPages>();
        services.AddSingleton<Bulk.BulkSelection>();
        services.AddSingleton<Bulk.BulkRunner>();
        services.AddSingleton<Merge.RecordMerger>();
        services.AddSingleton<Export.ListExport>();
        services.AddSingleton<UserAccess>();
        services.AddSingleton<ReadableRowsOf>();
        services.AddSingleton<Leads.LeadService>();
        services.AddSingleton<Contacts.ContactService>();
        services.AddSingleton<Companies.CompanyService>();
        services.AddSingleton<RecordServices>();
        services.AddSingleton<RecordOwners>();
        services.AddSingleton<Activities.ActivityService>();
        services.AddSingleton<Comments.CommentService>();
        services.AddSingleton<Contacts.ContactQueries>();
        services.AddSingleton<Companies.CompanyQueries>();
        services.AddSingleton<Duplicates.DuplicateQueries>();
        services.AddSingleton<Duplicates.DuplicateCandidates>();
        services.AddSingleton<ImportService>();
        services.AddSingleton<ImportJobs>();
        services.AddHostedService(sp => sp.GetRequiredService<ImportJobs>());
        services.AddSingleton<Activities.ActivityQueries>();
        services.AddScoped<PortalProvisioning>();
        services.AddScoped<Components.Pages.Stream.StreamUnreadState>();
        services.AddScoped<UserAdmin>();
        services.AddScoped<HostedPortals>();
        services.AddSingleton<UserActivation>();
        services.AddSingleton<RecordReassignment>();
        services.AddSingleton<UserTokens>();
        services.AddSingleton<NotificationQueries>();
        services.AddSingleton<OutboxAdmin>();
        services.AddSingleton<AutomationBoards>();
        services.AddSingleton<TriggerBoardService>();
        services.AddSingleton<TrackedLinks>();
        services.AddSingleton<RobotBoardService>();
        services.AddSingleton<RobotFieldList>();
        services.AddSingleton<WorkingHoursSettings>();
        services.AddSingleton<RobotChoiceSource>();
        // A silo co-hosted here has registered these already; a web-only node needs them for the outbox page.
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton<WebhookSecrets>();
        services.AddSingleton<BoardLiveService>();
        services.AddHostedService(sp => sp.GetRequiredService<BoardLiveService>());
        services.AddSingleton<HubBoardGroups>();
        services.AddSingleton<HubStreamWatchers>();
        services.AddSingleton<HubSessions>();
        services.AddHostedService(sp => sp.GetRequiredService<HubSessions>());
        services.AddHostedService<DemoSeeder>();
    }
}
