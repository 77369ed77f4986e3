using System.Security.Cryptography;
using Crm.Grains.Interfaces.Deals;
using Crm.Grains.Interfaces.Pipelines;
using Crm.Grains.Interfaces.Portals;
using Crm.Grains.Interfaces.Common;
using Crm.Web.Api;
using Crm.Web.Deals;
using Npgsql;

namespace Crm.Web.Portals;

/// <summary>
/// On first start, creates the demo portal: three users, the default sales pipeline and a dozen deals
/// spread over its stages. Skipped when Crm:Demo:Seed is false or any portal exists. The password is
/// Crm:Demo:Password, or a random one printed once.
/// </summary>
public sealed class DemoSeeder(IServiceProvider services, NpgsqlDataSource db, IConfiguration config, ILogger<DemoSeeder> log) : IHostedService
{
    public const string PortalName = "Demo";
    // Any constant: makes web nodes starting together seed once.
    private const long LockKey = 0x43524D_5345_4544;

    public static readonly IReadOnlyList<(string Email, string Name)> Users =
    [
        ("admin@demo.local", "Anna Admin"),
        ("manager@demo.local", "Mark Manager"),
        ("sales@demo.local", "Sara Sales"),
    ];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!config.GetValue("Crm:Demo:Seed", true)) return;
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_lock({LockKey})", connection))
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        try
        {
            await using var any = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM portals)", connection);
            if ((bool)(await any.ExecuteScalarAsync(cancellationToken))!) return;
            await Seed();
        }
        finally
        {
            await using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({LockKey})", connection);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task Seed()
    {
        var configured = config["Crm:Demo:Password"];
        var password = string.IsNullOrEmpty(configured) ? RandomPassword() : configured;
        await using var scope = services.CreateAsyncScope();
        var provisioning = scope.ServiceProvider.GetRequiredService<PortalProvisioning>();
        var grains = scope.ServiceProvider.GetRequiredService<IGrainFactory>();
        var deals = scope.ServiceProvider.GetRequiredService<DealService>();

        var userManager = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Access.CrmUser>>();
        foreach (var validator in userManager.PasswordValidators)
        {
            var check = await validator.ValidateAsync(userManager, new Access.CrmUser(), password);
            if (!check.Succeeded)
                throw new InvalidOperationException($"Crm:Demo:Password is not usable: {string.Join(" ", check.Errors.Select(e => e.Description))}");
        }

        var (portalId, adminId) = await provisioning.CreatePortal(PortalName, new NewUser(Users[0].Email, Users[0].Name, password));
        var userIds = new List<int> { adminId };
        foreach (var (email, name) in Users.Skip(1))
            userIds.Add(await provisioning.CreateUser(portalId, new NewUser(email, name, password)));

        var pipelineId = await deals.DefaultPipelineId(portalId);
        var pipeline = await grains.GetGrain<IPipelineGrain>(GrainKeys.For(portalId, pipelineId)).Get();
        var inProgress = pipeline.Stages.Where(s => !s.IsFinal).ToList();
        string[] titles =
        [
            "Website redesign for Northwind", "CRM licences for Contoso", "Office chairs, 40 pcs", "Annual support contract",
            "Cloud migration pilot", "Trade fair stand", "Logistics software rollout", "Marketing retainer Q3",
            "Security audit", "Training for 25 managers", "Data warehouse", "Printer fleet renewal",
        ];
        for (var i = 0; i < titles.Length; i++)
        {
            var owner = new RequestUser(portalId, userIds[i % userIds.Count]);
            var fields = new DealFields(titles[i], 1500m * (i + 1), i % 4 == 3 ? "EUR" : "USD", owner.UserId);
            await deals.Create(owner, pipelineId, inProgress[i % inProgress.Count].Id, fields);
        }

        var leads = scope.ServiceProvider.GetRequiredService<Leads.LeadService>();
        (string First, string Last, string Company, string Phone, string Email, string Source, string Status)[] people =
        [
            ("Ann", "Lee", "Harbour Foods", "+44 20 7946 0018", "ann@harbourfoods.example", "WEBFORM", "NEW"),
            ("Marek", "Novak", "Blue Lake", "+386 1 234 5678", "marek@bluelake.example", "CALL", "IN_PROCESS"),
            ("Sofia", "Rossi", "", "+39 06 1234 5678", "sofia.rossi@mail.example", "CHAT", "NEW"),
            ("Tom", "Baker", "Baker & Sons", "+1 555 010 0199", "tom@bakerandsons.example", "RECOMMENDATION", "PROCESSED"),
        ];
        for (var i = 0; i < people.Length; i++)
        {
            var p = people[i];
            var owner = new RequestUser(portalId, userIds[i % userIds.Count]);
            await leads.Create(owner, new Grains.Interfaces.Leads.LeadFields("", owner.UserId, p.First, "", p.Last, p.Company,
                [new(p.Phone, Grains.Interfaces.Common.ContactPointType.Work)], [new(p.Email, Grains.Interfaces.Common.ContactPointType.Work)],
                p.Source, Amount: 500m * (i + 1)), p.Status);
        }

        log.LogInformation("Seeded the demo portal with {Users} users, {Deals} deals and {Leads} leads", Users.Count, titles.Length, people.Length);
        // A log event, not console text, so JSON logs stay JSON; a configured password is not repeated.
        log.LogWarning("Demo users {Emails} sign in with the password {Password}",
            string.Join(", ", Users.Select(u => u.Email)), string.IsNullOrEmpty(configured) ? password : "set in Crm:Demo:Password");
    }

    private static string RandomPassword() =>
        RandomNumberGenerator.GetString("abcdefghjkmnpqrstuvwxyz23456789", 12);
}
