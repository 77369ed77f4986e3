using Npgsql;

namespace Crm.Silo.Database;

/// <summary>Positional parameters ($1, $2, …) in one call; null becomes SQL NULL.</summary>
public static class CommandValues
{
    public static void AddValues(this NpgsqlCommand command, params object?[] values)
    {
        foreach (var value in values) command.Parameters.Add(new() { Value = value ?? DBNull.Value });
    }
}
