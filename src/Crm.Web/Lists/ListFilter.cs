using Crm.Grains.Interfaces.Lists;
namespace Crm.Web.Lists;

/// <summary>A list's filter conditions together with the fields (standard and custom) they are checked against.</summary>
public sealed record ListFilter(IReadOnlyList<ListField> Fields, IReadOnlyList<FilterCondition>? Conditions)
{
    /// <summary>Whether a condition is on the field with this key.</summary>
    public bool Filters(string key) => Conditions?.Any(c => c.Field == key) == true;

    public FilterSql Sql(int firstParameter) => FilterSql.Build(Fields, Conditions, firstParameter);

    /// <summary>Adds the filter's conditions to a command whose own parameters come first.</summary>
    public static string Apply(ListFilter? filter, Npgsql.NpgsqlParameterCollection parameters)
    {
        if (filter is null) return "";
        var sql = filter.Sql(parameters.Count + 1);
        foreach (var p in sql.Parameters) parameters.Add(p);
        return sql.Where;
    }
}
