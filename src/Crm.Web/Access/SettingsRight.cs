using Crm.Web.Api;

namespace Crm.Web.Access;

/// <summary>An endpoint filter refusing settings changes (pipelines, lists, custom fields) to users without the settings right, before the handler runs.</summary>
public static class SettingsRight
{
    public static RouteHandlerBuilder RequireSettingsRight(this RouteHandlerBuilder endpoint) =>
        endpoint.AddEndpointFilter(async (context, next) =>
        {
            var access = context.HttpContext.RequestServices.GetRequiredService<UserAccess>();
            await access.RequireSettings(RequestUser.Of(context.HttpContext.User));
            return await next(context);
        });
}
