using Crm.Grains.Interfaces.Common;
using Crm.Grains.Interfaces.Portals;
using Crm.Silo.Migrations;
using Npgsql;

namespace Crm.Silo.Tests;

/// <summary>A grain that registers a reminder, to prove the reminders schema on PostgreSQL.</summary>
public interface IReminderProbeGrain : IGrainWithStringKey
{
    Task Register(string name);
    Task<IReadOnlyList<string>> Names();
    Task Unregister(string name);
}

public sealed class ReminderProbeGrain : Grain, IReminderProbeGrain, IRemindable
{
    public Task Register(string name) => this.RegisterOrUpdateReminder(name, TimeSpan.FromHours(1), TimeSpan.FromHours(1));

    public async Task<IReadOnlyList<string>> Names() => (await this.GetReminders()).Select(r => r.ReminderName).Order().ToList();

    public async Task Unregister(string name) => await this.UnregisterReminder((await this.GetReminder(name))!);

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;
}

/// <summary>Our own schema for Orleans' ADO.NET providers works, one provider at a time, and migrations are idempotent.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ProviderTests(ClusterFixture fixture)
{
    private async Task<T> Scalar<T>(string sql)
    {
        await using var db = fixture.Database();
        await using var command = db.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Clustering_both_silos_are_active_in_the_membership_table()
    {
        // status 3 = Active in Orleans' SiloStatus
        var active = await Scalar<long>("SELECT count(*) FROM orleansmembershiptable WHERE status = 3");
        Assert.Equal(2, active);
    }

    [Fact]
    public async Task Persistence_grain_state_is_stored_as_plain_json()
    {
        await fixture.Client.GetGrain<IPortalGrain>(ClusterFixture.PortalId).GetPipelines();
        var payload = await Scalar<byte[]>("SELECT payloadbinary FROM orleansstorage WHERE graintypestring = 'portal' LIMIT 1");
        var json = System.Text.Encoding.UTF8.GetString(payload);
        Assert.Contains("\"PipelineIds\"", json);
        Assert.DoesNotContain("$type", json);
    }

    [Fact]
    public async Task Reminders_are_registered_listed_and_removed_in_postgresql()
    {
        var probe = fixture.Client.GetGrain<IReminderProbeGrain>(GrainKeys.For(ClusterFixture.PortalId, "probe"));
        await probe.Register("a");
        await probe.Register("b");
        Assert.Equal(["a", "b"], await probe.Names());
        Assert.Equal(2, await Scalar<long>("SELECT count(*) FROM orleansremindersTable WHERE grainid LIKE '%probe%'"));
        await probe.Unregister("a");
        Assert.Equal(["b"], await probe.Names());
        Assert.Equal(1, await Scalar<long>("SELECT count(*) FROM orleansremindersTable WHERE grainid LIKE '%probe%'"));
    }

    [Fact]
    public async Task Migrations_apply_once_and_every_script_can_run_again()
    {
        Assert.Empty(await MigrationRunner.Apply(fixture.ConnectionString));
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        foreach (var (id, sql) in MigrationRunner.Scripts())
        {
            await using var tx = await connection.BeginTransactionAsync();
            await using var again = new NpgsqlCommand(sql, connection, tx);
            await again.ExecuteNonQueryAsync();
            await tx.RollbackAsync();
        }
        Assert.Equal(MigrationRunner.Scripts().Count, await Scalar<long>("SELECT count(*) FROM schema_migrations"));
    }
}
