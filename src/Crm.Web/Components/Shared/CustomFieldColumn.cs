using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Crm.Web.Components.Shared;

/// <summary>
/// A list column of one custom field, sortable on the server. A grid names the column a sort is by
/// with its <see cref="PropertyName"/>, which a template column makes a new Guid: this one answers
/// the field's code, so a list's <c>ServerData</c> can sort by it (ListSort resolves the code).
/// </summary>
public sealed class CustomFieldColumn<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] T> : TemplateColumn<T>
{
    /// <summary>The custom field's code (UF_CRM_n).</summary>
    [Parameter, EditorRequired]
    public string Code { get; set; } = "";

    public override string PropertyName => Code;

    /// <summary>Sorts the list by the field; on by default, unlike other template columns.</summary>
    [Parameter]
    public override bool? Sortable { get; set; } = true;
}
