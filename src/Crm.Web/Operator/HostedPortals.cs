using Crm.Grains.ReadModel;
using Crm.Web.Access;
using Crm.Web.Api;
using Crm.Web.Portals;
using Crm.Web.Users;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace Crm.Web.Operator;

/// <summary>What the operator sends to open a portal for a company: its name and its first admin.</summary>
public sealed record NewPortalRequest(string? Name, NewPortalAdmin? Admin);

public sealed record NewPortalAdmin(string? Email, string? DisplayName, string? Password);

/// <summary>A hosted portal as the operator sees it; never its records.</summary>
public sealed record HostedPortal(int Id, string Name, DateTimeOffset CreatedAt, int ActiveUsers, int? AdminUserId = null, string? AdminEmail = null);

/// <summary>
/// The portals a hosting operator runs: opening one with its admin, and listing them. Every input is
/// checked before anything is stored, so a refused request leaves no half-made portal behind.
/// </summary>
public sealed class HostedPortals(PortalProvisioning provisioning, UserManager<CrmUser> users, NpgsqlDataSource db, IAuditLog audit)
{
    public const int MaxNameLength = 100;

    public async Task<HostedPortal> Create(NewPortalRequest request)
    {
        var name = PortalName(request.Name);
        var admin = request.Admin ?? throw CrmException.Invalid("admin_required", "Give the portal's first admin: {email, displayName, password}.", "admin");
        var email = UserInput.Email(admin.Email, "admin.email");
        var displayName = UserInput.DisplayName(admin.DisplayName, "admin.displayName");
        if (string.IsNullOrEmpty(admin.Password))
            throw CrmException.Invalid("password_required", "Enter a first password for the admin.", "admin.password");
        await CheckPassword(email, admin.Password);
        if (await users.FindByEmailAsync(email) is not null)
            throw CrmException.Invalid("duplicate_email", $"A user with the e-mail {email} already exists.", "admin.email");

        var (portalId, adminId) = await provisioning.CreatePortal(name, new NewUser(email, displayName, admin.Password));
        // No portal user acted: the operator did, so the entry has no actor.
        await audit.Record(portalId, null, "portal.created", new { name, adminUserId = adminId, adminEmail = email });
        var created = (await List(portalId, 1)).Single();
        return created with { AdminUserId = adminId, AdminEmail = email };
    }

    /// <summary>Portals by id, from <paramref name="fromId"/> on, with how many active users each has.</summary>
    public async Task<IReadOnlyList<HostedPortal>> List(int fromId, int limit)
    {
        await using var command = db.CreateCommand("""
            SELECT p.id, p.name, p.created_at, (SELECT count(*) FROM users u WHERE u.portal_id = p.id AND u.is_active)
            FROM portals p WHERE p.id >= $1 ORDER BY p.id LIMIT $2
            """);
        command.Parameters.Add(new() { Value = fromId });
        command.Parameters.Add(new() { Value = limit });
        await using var reader = await command.ExecuteReaderAsync();
        var portals = new List<HostedPortal>();
        while (await reader.ReadAsync())
            portals.Add(new HostedPortal(reader.GetInt32(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2), (int)reader.GetInt64(3)));
        return portals;
    }

    private static string PortalName(string? name)
    {
        var clean = name?.Trim() ?? "";
        if (clean.Length == 0)
            throw CrmException.Invalid("portal_name_required", "Give the portal a name, usually the company's.", "name");
        if (clean.Length > MaxNameLength)
            throw CrmException.Invalid("portal_name_too_long", $"A portal name has at most {MaxNameLength} characters.", "name");
        if (clean.Any(char.IsControl))
            throw CrmException.Invalid("portal_name_invalid", "A portal name is one line of text, without line breaks or control characters.", "name");
        return clean;
    }

    /// <summary>Runs Identity's password rules before the portal row exists, so a weak password creates nothing.</summary>
    private async Task CheckPassword(string email, string password)
    {
        var probe = new CrmUser { Email = email };
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, probe, password);
            if (!result.Succeeded)
                throw CrmException.Invalid("weak_password", $"The password is too weak: {string.Join(" ", result.Errors.Select(e => e.Description))}", "admin.password");
        }
    }
}
