using System.Security.Claims;
using Crm.Grains.Interfaces.CustomFields;
using Crm.Grains.Interfaces.Settings;
using Crm.Web.Access;

namespace Crm.Web.CustomFields;

/// <summary>The portal's custom fields (<c>/api/custom-fields</c>): defined in settings, then offered by forms, lists and filters.</summary>
public static class CustomFieldsApi
{
    public sealed record FieldBody(string? RecordKind, string? Label, CustomFieldType? Type, bool? Required, IReadOnlyList<ListItem>? Items);

    public static IEndpointRouteBuilder MapCustomFieldsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/custom-fields").RequireAuthorization().WithTags("Custom fields");

        api.MapGet("/", async (ClaimsPrincipal user, IGrainFactory grains, string? recordKind) =>
            TypedResults.Ok(await grains.GetGrain<ICustomFieldsGrain>(user.PortalId()).Get(recordKind)))
            .WithName("ListCustomFields").WithDescription("The portal's custom fields, of one record type (lead, deal, contact, company) or all.");

        api.MapPost("/", async (ClaimsPrincipal user, IGrainFactory grains, FieldBody body) =>
        {
            var field = await grains.GetGrain<ICustomFieldsGrain>(user.PortalId()).Add(Definition(body), user.UserId());
            return TypedResults.Created($"/api/custom-fields/{field.Code}", field);
        }).WithName("AddCustomField").RequireSettingsRight();

        api.MapPut("/{code}", async (ClaimsPrincipal user, IGrainFactory grains, string code, FieldBody body) =>
            TypedResults.Ok(await grains.GetGrain<ICustomFieldsGrain>(user.PortalId()).Update(code, Definition(body with { Type = body.Type ?? CustomFieldType.String }), user.UserId())))
            .WithName("UpdateCustomField").RequireSettingsRight().WithDescription("Changes label, required flag and list items (items can be renamed and added, not removed); record type and value type stay.");

        api.MapDelete("/{code}", async (ClaimsPrincipal user, IGrainFactory grains, string code) =>
        {
            await grains.GetGrain<ICustomFieldsGrain>(user.PortalId()).Delete(code, user.UserId());
            return TypedResults.NoContent();
        }).WithName("DeleteCustomField").RequireSettingsRight();

        return app;
    }

    private static CustomFieldDefinition Definition(FieldBody b) => new(
        b.RecordKind ?? "", b.Label ?? "",
        b.Type ?? throw CrmException.Invalid("type_required", "A custom field needs a type: string, number, date, boolean, list, money, url or user.", "type"),
        b.Required ?? false, b.Items);
}
