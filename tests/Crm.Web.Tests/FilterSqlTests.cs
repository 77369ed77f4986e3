using Crm.Grains.Interfaces.CustomFields;
using Crm.Grains.Interfaces.Lists;
using Crm.Web.Lists;

namespace Crm.Web.Tests;

/// <summary>How list filters become SQL: values only as parameters, indexed forms, and clear errors for bad conditions.</summary>
public class FilterSqlTests
{
    private static readonly CustomField Size = new("UF_CRM_1", "lead", "Size", CustomFieldType.Number);
    private static readonly CustomField Tier = new("UF_CRM_2", "lead", "Tier", CustomFieldType.List, Items: [new("1", "Gold"), new("2", "Silver")]);
    private static readonly IReadOnlyList<ListField> Fields = ListFields.For("lead", [Size, Tier]);

    private static FilterSql Build(params FilterCondition[] conditions) => FilterSql.Build(Fields, conditions, 6);

    private static string Code(params FilterCondition[] conditions) => Assert.Throws<CrmException>(() => Build(conditions)).Code;

    [Fact]
    public void Values_are_parameters_numbered_after_the_query_own_and_list_ids_match_exactly()
    {
        var sql = Build(new("statusId", FilterOp.In, Values: ["new", "in_process"]), new("title", FilterOp.Contains, "50%_off'); DROP TABLE leads;--"),
            new("amount", FilterOp.Range, From: "100", To: "250.5"));
        Assert.Equal(" AND (status_id = ANY($6)) AND (title ILIKE $7) AND (amount >= $8 AND amount <= $9)", sql.Where);
        Assert.Equal(["NEW", "IN_PROCESS"], (string[])sql.Parameters[0].Value!);
        Assert.Equal(@"%50\%\_off'); DROP TABLE leads;--%", sql.Parameters[1].Value);
        Assert.Equal([100m, 250.5m], sql.Parameters.Skip(2).Select(p => p.Value));
    }

    [Fact]
    public void Custom_fields_use_containment_for_equality_and_their_range_expression_for_ranges()
    {
        var sql = Build(new("UF_CRM_2", FilterOp.In, Values: ["gold", "2"]), new("UF_CRM_1", FilterOp.Range, From: "10"), new("UF_CRM_1", FilterOp.Empty));
        Assert.Equal(" AND (custom @> $6 OR custom @> $7) AND ((custom->>'UF_CRM_1')::numeric >= $8) AND (NOT custom ? 'UF_CRM_1')", sql.Where);
        Assert.Equal(["{\"UF_CRM_2\":\"1\"}", "{\"UF_CRM_2\":\"2\"}"], sql.Parameters.Take(2).Select(p => p.Value));
    }

    [Fact]
    public void Dates_of_timestamps_cover_whole_days()
    {
        var sql = Build(new FilterCondition("createdAt", FilterOp.Range, From: "2026-11-01", To: "2026-11-30"));
        Assert.Equal(" AND (created_at >= $6 AND created_at < $7)", sql.Where);
        Assert.Equal([new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc)], sql.Parameters.Select(p => p.Value));
    }

    [Fact]
    public void Unknown_fields_wrong_operators_and_bad_values_are_refused()
    {
        Assert.Equal("unknown_filter_field", Code(new FilterCondition("password", FilterOp.Eq, "x")));
        Assert.Equal("invalid_filter_operator", Code(new FilterCondition("createdAt", FilterOp.Contains, "2026")));
        Assert.Equal("invalid_filter_value", Code(new FilterCondition("amount", FilterOp.Range)));
        Assert.Equal("invalid_filter_value", Code(new FilterCondition("amount", FilterOp.Eq, "a lot")));
        Assert.Equal("invalid_filter_value", Code(new FilterCondition("createdAt", FilterOp.Eq, "23.11.2026")));
        Assert.Equal("invalid_filter_value", Code(new FilterCondition("UF_CRM_2", FilterOp.Eq, "Bronze")));
        Assert.Equal("invalid_filter_value", Code(new FilterCondition("statusId", FilterOp.In, Values: Enumerable.Range(0, 101).Select(i => $"S{i}").ToList())));
        Assert.Equal("invalid_filter_value", Code(new FilterCondition("title", FilterOp.Eq, " ")));
        Assert.Equal("too_many_conditions", Code(Enumerable.Repeat(new FilterCondition("title", FilterOp.NotEmpty), 21).ToArray()));
        Assert.Equal("invalid_filter", Assert.Throws<CrmException>(() => FilterSql.Parse("{\"field\":")).Code);
    }
}
