using Crm.Grains.Interfaces.Lists;
namespace Crm.Web.Lists;

/// <summary>A list's filter conditions together with the fields (standard and custom) they are checked against.</summary>
public sealed record ListFilter(IReadOnlyList<ListField> Fields, IReadOnlyList<FilterCondition>? Conditions)
{
    public FilterSql Sql(int firstParameter) => FilterSql.Build(Fields, Conditions, firstParameter);

    /// <summary>Adds the filter's conditions to a command whose own parameters come first.</summary>
    public static string Apply(ListFilter? filter, Npgsql.NpgsqlCommand command)
    {
        if (filter is null) return "";
        var sql = filter.Sql(command.Parameters.Count + 1);
        foreach (var p in sql.Parameters) command.Parameters.Add(p);
        return sql.Where;
    }
}
