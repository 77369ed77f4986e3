namespace Crm.Web.Access;

/// <summary>A user of one portal, as ASP.NET Core Identity sees it. The e-mail is the sign-in name.</summary>
public sealed class CrmUser
{
    public int Id { get; set; }
    public int PortalId { get; set; }
    public string Email { get; set; } = "";
    public string NormalizedEmail { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string? PasswordHash { get; set; }
    public string SecurityStamp { get; set; } = Guid.NewGuid().ToString("N");
    public bool IsActive { get; set; } = true;
}
