using System.Security.Claims;
using Crm.Grains.Interfaces.Lists;
using Crm.Web.Access;
using Crm.Web.Api;

namespace Crm.Web.Lists;

/// <summary>What lists offer to filter by (<c>/api/list-fields/{kind}</c>) and the user's saved filters (<c>/api/list-presets/{kind}</c>).</summary>
public static class ListFieldsApi
{
    /// <summary>A list field as clients see it; <c>Sortable</c> says whether its key is a <c>sort</c> value of the list.</summary>
    public sealed record FieldInfo(string Key, string Label, ListFieldType Type, string? ListName, IReadOnlyList<FilterOp> Operators, bool IsCustom, bool Sortable);

    public sealed record PresetBody(string? Name, IReadOnlyList<FilterCondition>? Conditions, string? Search, IReadOnlyList<string>? Columns);

    public static IEndpointRouteBuilder MapListFieldsApi(this IEndpointRouteBuilder app)
    {
        var fields = app.MapGroup("/api/list-fields").RequireAuthorization().WithTags("Lists");
        fields.MapGet("/{kind}", async (ClaimsPrincipal user, ListCatalog catalog, string kind) =>
            TypedResults.Ok((await catalog.Fields(user.PortalId(), Kind(kind))).Select(f => new FieldInfo(f.Key, f.Label, f.Type, f.ListName, f.Operators, f.Custom is not null, f.Sortable))))
            .WithName("GetListFields").WithDescription("The fields a list of leads, deals, contacts or companies can be filtered by, with their operators, and whether it can be sorted by them.");

        var presets = app.MapGroup("/api/list-presets").RequireAuthorization().WithTags("Lists");
        presets.MapGet("/{kind}", async (ClaimsPrincipal user, IGrainFactory grains, string kind) =>
            TypedResults.Ok(await Presets(grains, user).Get(Kind(kind)))).WithName("GetListPresets");
        presets.MapPut("/{kind}", async (ClaimsPrincipal user, IGrainFactory grains, ListCatalog catalog, string kind, PresetBody body) =>
        {
            var recordKind = Kind(kind);
            var conditions = body.Conditions ?? [];
            // A preset must work when applied: check it the way a list request would.
            FilterSql.Build(await catalog.Fields(user.PortalId(), recordKind), conditions, 1);
            return TypedResults.Ok(await Presets(grains, user).Save(new ListPreset(body.Name ?? "", recordKind, conditions, body.Search, body.Columns)));
        }).WithName("SaveListPreset").WithDescription("Saves the user's filter under a name (replacing one of the same name).");
        presets.MapDelete("/{kind}/{name}", async (ClaimsPrincipal user, IGrainFactory grains, string kind, string name) =>
        {
            await Presets(grains, user).Delete(Kind(kind), name);
            return TypedResults.NoContent();
        }).WithName("DeleteListPreset");
        return app;
    }

    private static IListPresetsGrain Presets(IGrainFactory grains, ClaimsPrincipal user) =>
        grains.GetGrain<IListPresetsGrain>(GrainKeys.For(user.PortalId(), user.UserId()));

    /// <summary>The record kind of a route segment; both "lead" and "leads" are accepted.</summary>
    public static string Kind(string kind) => kind.ToLowerInvariant() switch
    {
        "lead" or "leads" => "lead",
        "deal" or "deals" => "deal",
        "contact" or "contacts" => "contact",
        "company" or "companies" => "company",
        _ => throw CrmException.NotFound("unknown_record_kind", $"'{kind}' is not a record type; use lead, deal, contact or company."),
    };
}
