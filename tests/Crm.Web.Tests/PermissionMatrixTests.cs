using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Crm.Grains.Interfaces.Access;
using Crm.TestSupport;
using Crm.Web.Import;
using Crm.Web.Portals;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Crm.Web.Tests.ApiAssert;

namespace Crm.Web.Tests;

/// <summary>
/// The permission matrix of issue 4: for every record type, action and scope, a user whose one role
/// holds that right gets exactly what the scope allows for records of four responsibles: the user
/// (Own), a colleague of the user's department (Colleague), a member of the department below it
/// (Child) and someone outside both (Outsider). Through the HTTP API, and for reads also through the
/// hub. A refused write leaves the grain and its read-model row as they were.
/// <para>
/// One world (portal, departments, users, records) serves every case; each case rewrites the role's
/// rights through the access API, which every request reads anew. Where an action needs another right
/// to be tried at all (a record one cannot see cannot be changed; importing needs adding; an activity
/// belongs to a record one must see) the role also holds that other right at scope all, so that the
/// scope under test alone decides.
/// </para>
/// </summary>
[Collection(WebCollection.Name)]
public sealed class PermissionMatrixTests(WebFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private static readonly string[] Owners = ["Own", "Colleague", "Child", "Outsider"];
    private static readonly string[] Scopes = ["none", "own", "department", "departmentAndSub", "all"];

    /// <summary>Whose records each scope reaches, written out rather than computed, so the rules are checked, not repeated.</summary>
    private static readonly Dictionary<string, string[]> Reach = new()
    {
        ["none"] = [],
        ["own"] = ["Own"],
        ["department"] = ["Own", "Colleague"],
        ["departmentAndSub"] = ["Own", "Colleague", "Child"],
        ["all"] = Owners,
    };

    private sealed record Kind(string Entity, string Path, string Table, Func<string, int, long, object> Body, Func<string, int, long, object> EditBody);

    private static readonly Dictionary<string, Kind> Kinds = new[]
    {
        new Kind("lead", "leads", "leads",
            (name, responsibleId, _) => new { title = name, responsibleId },
            (name, responsibleId, _) => new { title = name, responsibleId, currency = "USD", comments = "edited" }),
        new Kind("deal", "deals", "deals",
            (name, responsibleId, _) => new { title = name, responsibleId, currency = "USD" },
            (name, responsibleId, _) => new { title = name, responsibleId, currency = "USD", comments = "edited" }),
        new Kind("contact", "contacts", "contacts",
            (name, responsibleId, _) => new { firstName = name, lastName = "Matrix", responsibleId },
            (name, responsibleId, _) => new { firstName = name, lastName = "Matrix", responsibleId, comments = "edited" }),
        new Kind("company", "companies", "companies",
            (name, responsibleId, _) => new { title = name, responsibleId },
            (name, responsibleId, _) => new { title = name, responsibleId, currency = "USD", comments = "edited" }),
        new Kind("activity", "activities", "activities",
            (name, responsibleId, owner) => new { type = "call", subject = name, responsibleId, owner = new { kind = "contact", id = owner } },
            (name, responsibleId, owner) => new { type = "call", subject = name, responsibleId, description = "edited" }),
    }.ToDictionary(k => k.Entity);

    /// <summary>Every (entity, action, scope) the HTTP API offers. Deals have no import (the importer takes leads, contacts and companies).</summary>
    public static TheoryData<string, string, string> HttpCases()
    {
        var cases = new TheoryData<string, string, string>();
        foreach (var entity in new[] { "lead", "deal", "contact", "company", "activity" })
            foreach (var action in AccessEntity.ActionsOf(entity))
            {
                if (entity == "deal" && action == AccessAction.Import) continue;
                foreach (var scope in Scopes) cases.Add(entity, JsonNamingPolicy.CamelCase.ConvertName(action.ToString()), scope);
            }
        return cases;
    }

    /// <summary>The record types the hub sends live events of.</summary>
    public static TheoryData<string, string> HubCases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var entity in new[] { "lead", "deal", "contact", "company" })
            foreach (var scope in Scopes) cases.Add(entity, scope);
        return cases;
    }

    [Theory]
    [MemberData(nameof(HttpCases))]
    public async Task A_user_holding_one_right_gets_exactly_what_its_scope_allows_through_the_api(string entity, string action, string scope)
    {
        var w = await World.Of(fixture);
        var kind = Kinds[entity];
        var allowed = Reach[scope];
        var right = new { entity, action, scope };
        var ownerRead = new { entity = "contact", action = "read", scope = "all" };
        var read = new { entity, action = "read", scope = "all" };
        switch (action)
        {
            case "read":
                await w.Grant(entity == "activity" ? [right, ownerRead] : [right]);
                await Reads(w, kind, scope);
                break;
            case "add":
                await w.Grant(entity == "activity" ? [right, ownerRead] : [right]);
                await Adds(w, kind, allowed, $"{action}-{scope}");
                break;
            case "edit":
                await w.Grant(entity == "activity" ? [read, right, ownerRead] : [read, right]);
                await Edits(w, kind, allowed);
                break;
            case "delete":
                await w.Grant(entity == "activity" ? [read, right, ownerRead] : [read, right]);
                await Deletes(w, kind, allowed, scope);
                break;
            case "export":
                await w.Grant([read, right]);
                await Exports(w, kind, allowed);
                break;
            case "import":
                await w.Grant([right, new { entity, action = "add", scope = "all" }]);
                await Imports(w, kind, allowed, scope);
                break;
            default:
                throw new InvalidOperationException($"No check for action '{action}': add one.");
        }
    }

    private static async Task Reads(World w, Kind kind, string scope)
    {
        var allowed = Reach[scope];
        foreach (var owner in Owners)
        {
            var response = await w.Me.Http.GetAsync($"/api/{kind.Path}/{w.Records[(kind.Entity, owner)]}");
            if (allowed.Contains(owner)) Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            else await ProblemOf(response, HttpStatusCode.Forbidden, "access_denied");
        }
        var list = kind.Entity == "activity"
            ? await w.Me.Http.GetFromJsonAsync<JsonElement>($"/api/activities?ownerKind=contact&ownerId={w.ActivityOwner}")
            : (await w.Me.Http.GetFromJsonAsync<JsonElement>($"/api/{kind.Path}?pageSize=500")).GetProperty("items");
        var worldIds = Owners.Select(o => w.Records[(kind.Entity, o)]).ToList();
        if (kind.Entity == "activity")
        {
            // "My activities" are records too: listed only as the read right allows.
            var mine = (await w.Me.Http.GetFromJsonAsync<JsonElement>("/api/activities/mine")).EnumerateArray().Select(r => r.GetProperty("id").GetInt64());
            Assert.Equal(allowed.Contains("Own"), mine.Contains(w.Records[("activity", "Own")]));
        }
        var listed = list.EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).ToHashSet();
        Assert.Equal(Owners.Where(allowed.Contains).Select(o => w.Records[(kind.Entity, o)]), worldIds.Where(listed.Contains));
        if (kind.Entity == "activity") return;

        // Counts and totals cover the same rows, of all the portal's records so far (not only the world's).
        var expected = await w.Reachable(kind, scope);
        Assert.Equal(expected, (await w.Me.Http.GetFromJsonAsync<JsonElement>($"/api/{kind.Path}")).GetProperty("total").GetInt32());
        if (kind.Entity == "deal")
        {
            var board = await w.Me.Http.GetFromJsonAsync<JsonElement>($"/api/pipelines/{w.Portal.PipelineId}/board");
            Assert.Equal(expected, board.GetProperty("columns").EnumerateArray().Sum(c => c.GetProperty("totals").GetProperty("count").GetInt32()));
        }
    }

    private static async Task Adds(World w, Kind kind, string[] allowed, string tag)
    {
        var before = await w.Count(kind.Table);
        foreach (var owner in Owners)
        {
            var response = await w.Me.Http.PostAsJsonAsync($"/api/{kind.Path}", kind.Body($"Added {kind.Entity} {owner} {tag}", w.People[owner], w.ActivityOwner));
            if (allowed.Contains(owner)) Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            else await ProblemOf(response, HttpStatusCode.Forbidden, "access_denied");
        }
        Assert.Equal(before + allowed.Length, await w.Count(kind.Table));
    }

    private static async Task Edits(World w, Kind kind, string[] allowed)
    {
        foreach (var owner in Owners)
        {
            var id = w.Records[(kind.Entity, owner)];
            var before = await w.Snapshot(kind, id);
            var response = await w.Me.Http.PutAsJsonAsync($"/api/{kind.Path}/{id}", kind.EditBody(World.NameOf(kind.Entity, owner), w.People[owner], w.ActivityOwner));
            if (allowed.Contains(owner))
            {
                Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
                Assert.Contains("edited", await w.Admin.Http.GetStringAsync($"/api/{kind.Path}/{id}"));
            }
            else
            {
                await ProblemOf(response, HttpStatusCode.Forbidden, "access_denied");
                Assert.Equal(before, await w.Snapshot(kind, id));
            }
        }
    }

    private static async Task Deletes(World w, Kind kind, string[] allowed, string scope)
    {
        // Records of their own, so the world's stay for the other cases.
        var victims = new Dictionary<string, long>();
        foreach (var owner in Owners) victims[owner] = await w.Create(kind, $"Victim {kind.Entity} {owner} {scope}", w.People[owner]);
        foreach (var owner in Owners)
        {
            var before = await w.Snapshot(kind, victims[owner]);
            var response = await w.Me.Http.DeleteAsync($"/api/{kind.Path}/{victims[owner]}");
            if (allowed.Contains(owner))
            {
                Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
                Assert.Equal(HttpStatusCode.NotFound, (await w.Admin.Http.GetAsync($"/api/{kind.Path}/{victims[owner]}")).StatusCode);
            }
            else
            {
                await ProblemOf(response, HttpStatusCode.Forbidden, "access_denied");
                Assert.Equal(before, await w.Snapshot(kind, victims[owner]));
            }
        }
    }

    private static async Task Exports(World w, Kind kind, string[] allowed)
    {
        var response = await w.Me.Http.GetAsync($"/api/{kind.Path}/export?format=csv");
        if (allowed.Length == 0)
        {
            await ProblemOf(response, HttpStatusCode.Forbidden, "access_denied");
            return;
        }
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csv = await response.Content.ReadAsStringAsync();
        foreach (var owner in Owners)
            Assert.True(allowed.Contains(owner) == csv.Contains(World.NameOf(kind.Entity, owner)), $"{owner}'s {kind.Entity} in the export: {csv.Contains(World.NameOf(kind.Entity, owner))}");
    }

    private static async Task Imports(World w, Kind kind, string[] allowed, string scope)
    {
        var header = kind.Entity == "contact" ? "First name,Last name,Responsible" : $"{(kind.Entity == "company" ? "Company name" : "Title")},Responsible";
        var rows = Owners.Select(o => kind.Entity == "contact" ? $"Imported {o} {scope},Matrix,{w.People[o]}" : $"Imported {kind.Entity} {o} {scope},{w.People[o]}");
        var csv = string.Join("\n", rows.Prepend(header)) + "\n";
        var before = await w.Count(kind.Table);
        if (allowed.Length == 0)
        {
            await ProblemOf(await ImportRequests.Upload(w.Me, $"/api/import/{kind.Path}", csv), HttpStatusCode.Forbidden, "access_denied");
            Assert.Equal(before, await w.Count(kind.Table));
            return;
        }
        var report = await ImportRequests.RunImport(w.Me, kind.Path, csv);
        var outcomes = report.Rows.OrderBy(r => r.Row).ToList();
        Assert.Equal(Owners.Length, outcomes.Count);
        for (var i = 0; i < Owners.Length; i++)
        {
            if (allowed.Contains(Owners[i])) Assert.Equal(RowOutcome.Created, outcomes[i].Outcome);
            else Assert.Equal((RowOutcome.Error, "access_denied"), (outcomes[i].Outcome, outcomes[i].Code));
        }
        Assert.Equal(before + allowed.Length, await w.Count(kind.Table));
    }

    [Fact]
    public async Task An_import_matches_duplicates_only_among_records_the_user_may_read_and_merges_only_into_those_it_may_edit()
    {
        var w = await World.Of(fixture);
        var leads = Kinds["lead"];
        var existing = new Dictionary<string, long>();
        foreach (var owner in new[] { "Own", "Colleague", "Outsider" })
        {
            var created = await w.Admin.Http.PostAsJsonAsync("/api/leads", new { title = $"Dup {owner}", companyName = $"Dup {owner} Ltd", responsibleId = w.People[owner] });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            existing[owner] = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        }
        await w.Grant([
            new { entity = "lead", action = "read", scope = "department" }, new { entity = "lead", action = "edit", scope = "own" },
            new { entity = "lead", action = "import", scope = "all" }, new { entity = "lead", action = "add", scope = "all" }]);
        var before = new Dictionary<string, string>();
        foreach (var (owner, id) in existing) before[owner] = await w.Snapshot(leads, id);

        var report = await ImportRequests.RunImport(w.Me, "leads", "Title,Company name,Work phone\nRow Own,Dup Own Ltd,+1 555 0101\n" +
            "Row Colleague,Dup Colleague Ltd,+1 555 0102\nRow Outsider,Dup Outsider Ltd,+1 555 0103\n", duplicates: "merge");
        var rows = report.Rows.OrderBy(r => r.Row).ToList();

        Assert.Equal((RowOutcome.Merged, existing["Own"]), (rows[0].Outcome, rows[0].RecordId!.Value));
        Assert.Equal((RowOutcome.Error, "access_denied"), (rows[1].Outcome, rows[1].Code));          // seen, not to be changed
        Assert.Equal((RowOutcome.Created, null), (rows[2].Outcome, rows[2].Duplicate));           // not seen: no duplicate of it
        Assert.DoesNotContain($"#{existing["Outsider"]}", rows[2].Message);
        Assert.NotEqual(before["Own"], await w.Snapshot(leads, existing["Own"]));
        Assert.Equal(before["Colleague"], await w.Snapshot(leads, existing["Colleague"]));
        Assert.Equal(before["Outsider"], await w.Snapshot(leads, existing["Outsider"]));
    }

    [Theory]
    [MemberData(nameof(HubCases))]
    public async Task A_hub_watcher_holding_one_read_right_receives_exactly_the_events_of_records_its_scope_allows(string entity, string scope)
    {
        var w = await World.Of(fixture);
        var kind = Kinds[entity];
        await w.Grant([new { entity, action = "read", scope }]);
        var (adminHub, adminEvents) = await Watch(w.Admin, w, entity);
        var (myHub, myEvents) = await Watch(w.Me, w, entity);
        var totals = entity is "lead" or "deal" ? Channel.CreateUnbounded<int>() : null;
        if (totals is not null)
            myHub.On<JsonElement>(entity == "lead" ? "leadTotals" : "columnTotals",
                t => totals.Writer.TryWrite(t.GetProperty("columns").EnumerateArray().Sum(c => c.GetProperty("count").GetInt32())));
        await using var a = adminHub;
        await using var m = myHub;

        var created = new Dictionary<string, long>();
        foreach (var owner in Owners.Reverse()) created[owner] = await w.Create(kind, $"Live {entity} {owner} {scope}", w.People[owner]);

        // The user's own record comes last: events reach a connection in order, so once it is in,
        // anything else sent would have come before it. A scope that reaches nothing has no such
        // closing event: there, once the admin's watcher has every event (one loop hands each event to
        // all watchers of the board in turn), a round trip on the connection brings in what was sent.
        var ids = created.Values.ToHashSet();
        var mine = new HashSet<long>();
        using (var timeout = new CancellationTokenSource(Patience))
        {
            if (Reach[scope].Contains("Own"))
                while (mine.Add(await myEvents.Reader.ReadAsync(timeout.Token)) && !mine.Contains(created["Own"])) { }
            else
            {
                var adminSaw = new HashSet<long>();
                while (!ids.IsSubsetOf(adminSaw)) adminSaw.Add(await adminEvents.Reader.ReadAsync(timeout.Token));
                await Subscribe(myHub, w, entity);
                while (myEvents.Reader.TryRead(out var id)) mine.Add(id);
            }
        }
        Assert.Equal(Owners.Where(Reach[scope].Contains).Select(o => created[o]).Order(), mine.Where(ids.Contains).Order());
        if (totals is null) return;

        // Board totals follow changes: the last ones count exactly the records the scope reaches, and none ever counted more.
        var expected = await w.Reachable(kind, scope);
        using var patience = new CancellationTokenSource(Patience);
        while (true)
        {
            var count = await totals.Reader.ReadAsync(patience.Token);
            Assert.True(count <= expected, $"the watcher's totals count {count} records; it may see {expected}");
            if (count == expected) break;
        }
    }

    private static async Task<(HubConnection Hub, Channel<long> Ids)> Watch(SignedInClient client, World w, string entity)
    {
        var hub = client.BoardHub();
        var ids = Channel.CreateUnbounded<long>();
        var (method, id) = entity switch
        {
            "lead" => ("leadChanged", (Func<JsonElement, long>)(e => e.GetProperty("lead").GetProperty("id").GetInt64())),
            "deal" => ("dealChanged", e => e.GetProperty("deal").GetProperty("id").GetInt64()),
            _ => ("recordChanged", e => e.GetProperty("id").GetInt64()),
        };
        hub.On<JsonElement>(method, e => ids.Writer.TryWrite(id(e)));
        await hub.StartAsync();
        await Subscribe(hub, w, entity);
        return (hub, ids);
    }

    /// <summary>Subscribes the connection (again: joining twice changes nothing).</summary>
    private static Task Subscribe(HubConnection hub, World w, string entity) => entity switch
    {
        "lead" => hub.InvokeAsync("SubscribeLeads"),
        "deal" => hub.InvokeAsync("SubscribeBoard", w.Portal.PipelineId),
        _ => hub.InvokeAsync("SubscribeRecords", Kinds[entity].Path),
    };

    /// <summary>The portal the matrix runs in, made once for the class (tests of one class run one after another).</summary>
    private sealed class World
    {
        private static readonly MadeOnce<World> Once = new(Make);

        public required TestPortal Portal { get; init; }
        public required SignedInClient Admin { get; init; }
        public required SignedInClient Me { get; init; }
        public required string ConnectionString { get; init; }
        public required int RoleId { get; init; }
        public required Dictionary<string, int> People { get; init; }
        public Dictionary<(string Entity, string Owner), long> Records { get; } = [];
        public long ActivityOwner { get; set; }

        public static string NameOf(string entity, string owner) => $"World {entity} {owner}";

        public static Task<World> Of(WebFixture fixture) => Once.Of(fixture);

        private static async Task<World> Make(WebFixture fixture)
        {
            var portal = await fixture.Host.CreatePortal("Permission matrix portal");
            var people = new Dictionary<string, int> { ["Own"] = portal.SecondId };
            await using (var scope = fixture.Host.Services.CreateAsyncScope())
            {
                var provisioning = scope.ServiceProvider.GetRequiredService<PortalProvisioning>();
                foreach (var who in new[] { "Colleague", "Child", "Outsider" })
                    people[who] = await provisioning.CreateUser(portal.PortalId,
                        new NewUser($"{who.ToLowerInvariant()}-{Guid.NewGuid():N}@test.local", $"{who} User", TestPortal.Password));
            }
            var admin = await fixture.Host.SignIn(portal.AdminEmail);
            var parent = await (await admin.Http.PostAsJsonAsync("/api/access/departments",
                new { name = "Sales", memberIds = new[] { people["Own"], people["Colleague"] } })).Content.ReadFromJsonAsync<JsonElement>();
            (await admin.Http.PostAsJsonAsync("/api/access/departments",
                new { name = "Sales North", parentId = parent.GetProperty("id").GetInt32(), memberIds = new[] { people["Child"] } })).EnsureSuccessStatusCode();
            var roleId = await AccessSetup.OnlyRole(admin.Http, portal.SecondId, "Matrix");
            var world = new World
            {
                Portal = portal, Admin = admin, Me = await fixture.Host.SignIn(portal.SecondEmail), ConnectionString = fixture.ConnectionString,
                RoleId = roleId, People = people,
            };
            var me = await world.Me.Http.GetFromJsonAsync<JsonElement>("/api/access/me");
            Assert.Equal([people["Own"], people["Colleague"]], me.GetProperty("departmentUserIds").EnumerateArray().Select(e => e.GetInt32()).Order());

            world.ActivityOwner = await world.Create(Kinds["contact"], "Activity owner", portal.AdminId);
            foreach (var kind in Kinds.Values)
                foreach (var owner in Owners)
                    world.Records[(kind.Entity, owner)] = await world.Create(kind, NameOf(kind.Entity, owner), people[owner]);
            return world;
        }

        /// <summary>Gives the restricted user's role exactly these rights.</summary>
        public async Task Grant(object[] permissions) =>
            (await Admin.Http.PutAsJsonAsync($"/api/access/roles/{RoleId}", new { name = "Matrix", permissions })).EnsureSuccessStatusCode();

        public async Task<long> Create(Kind kind, string name, int responsibleId)
        {
            var response = await Admin.Http.PostAsJsonAsync($"/api/{kind.Path}", kind.Body(name, responsibleId, ActivityOwner));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        }

        /// <summary>The record as the admin reads it (its grain) and its read-model row.</summary>
        public async Task<string> Snapshot(Kind kind, long id)
        {
            var api = await Admin.Http.GetStringAsync($"/api/{kind.Path}/{id}");
            await using var db = new NpgsqlConnection(ConnectionString);
            await db.OpenAsync();
            await using var command = new NpgsqlCommand($"SELECT row_to_json(r)::text FROM {kind.Table} r WHERE portal_id = $1 AND id = $2", db);
            command.Parameters.Add(new() { Value = Portal.PortalId });
            command.Parameters.Add(new() { Value = id });
            return api + "\n" + await command.ExecuteScalarAsync();
        }

        /// <summary>How many of the portal's records of the kind (as the admin lists them) a scope reaches.</summary>
        public async Task<int> Reachable(Kind kind, string scope)
        {
            var responsibles = Reach[scope].Select(o => People[o]).ToHashSet();
            var all = (await Admin.Http.GetFromJsonAsync<JsonElement>($"/api/{kind.Path}?pageSize=500")).GetProperty("items").EnumerateArray().ToList();
            Assert.True(all.Count < 500, "more records than one page: count them otherwise");
            return scope == "all" ? all.Count : all.Count(r => responsibles.Contains(r.GetProperty("responsibleId").GetInt32()));
        }

        public async Task<long> Count(string table)
        {
            await using var db = new NpgsqlConnection(ConnectionString);
            await db.OpenAsync();
            await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table} WHERE portal_id = $1", db);
            command.Parameters.Add(new() { Value = Portal.PortalId });
            return (long)(await command.ExecuteScalarAsync())!;
        }
    }
}
