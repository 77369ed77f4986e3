using Crm.Grains.Interfaces.Access;
using Crm.Grains.Interfaces.Portals;
using Crm.Web.Access;
using Crm.Web.Users;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace Crm.Web.Portals;

/// <summary>A user to create: e-mail (the sign-in name), name shown in the CRM, password.</summary>
public sealed record NewUser(string Email, string DisplayName, string Password);

/// <summary>Creates portals and their users (the portal row, its admin with the default roles, its default pipeline).</summary>
public sealed class PortalProvisioning(NpgsqlDataSource db, UserManager<CrmUser> users, IGrainFactory grains)
{
    /// <summary>Creates a portal with its first user as admin; returns the portal id and the admin's user id.</summary>
    public async Task<(int PortalId, int AdminId)> CreatePortal(string name, NewUser admin)
    {
        await using var command = db.CreateCommand("INSERT INTO portals (name) VALUES ($1) RETURNING id");
        command.Parameters.Add(new() { Value = name });
        var portalId = (int)(await command.ExecuteScalarAsync())!;
        var (created, result) = await TryCreateUser(portalId, admin);
        if (created is not { } adminId)
        {
            // E.g. the e-mail was taken meanwhile: a portal without its admin must not stay behind.
            await using var undo = db.CreateCommand("DELETE FROM portals WHERE id = $1");
            undo.Parameters.Add(new() { Value = portalId });
            await undo.ExecuteNonQueryAsync();
            throw UserInput.Refusal(admin.Email, result);
        }
        await grains.GetGrain<IAccessGrain>(portalId).Initialize(adminId);
        await grains.GetGrain<IPortalGrain>(portalId).Create(name, adminId);
        return (portalId, adminId);
    }

    public async Task<int> CreateUser(int portalId, NewUser user)
    {
        var (id, result) = await TryCreateUser(portalId, user);
        return id ?? throw new InvalidOperationException($"User {user.Email} not created: {string.Join("; ", result.Errors.Select(e => e.Description))}");
    }

    /// <summary>Creates an active user under Identity's rules (e-mail, uniqueness, password); on failure nothing is stored and the errors say why.</summary>
    public async Task<(int? Id, IdentityResult Result)> TryCreateUser(int portalId, NewUser user)
    {
        var crmUser = new CrmUser { PortalId = portalId, Email = user.Email, DisplayName = user.DisplayName };
        var result = await users.CreateAsync(crmUser, user.Password);
        return (result.Succeeded ? crmUser.Id : null, result);
    }
}
