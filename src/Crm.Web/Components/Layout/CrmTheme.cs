using MudBlazor;

namespace Crm.Web.Components.Layout;

public static class CrmTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight { Primary = "#2067B0", AppbarBackground = "#1F4E79", Background = "#F3F6F9" },
    };
}
