using Crm.Web.Api;

namespace Crm.Web.Access;

/// <summary>Endpoint filters refusing a request, before its handler runs, to users without a right it needs as a whole.</summary>
public static class EndpointRights
{
    /// <summary>Settings changes (pipelines, lists, custom fields) need the settings right.</summary>
    public static RouteHandlerBuilder RequireSettingsRight(this RouteHandlerBuilder endpoint) =>
        endpoint.AddEndpointFilter(async (context, next) =>
        {
            var access = context.HttpContext.RequestServices.GetRequiredService<UserAccess>();
            await access.RequireSettings(RequestUser.Of(context.HttpContext.User));
            return await next(context);
        });

}
