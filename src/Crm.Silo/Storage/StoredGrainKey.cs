using System.Text;
using Orleans.Storage;

namespace Crm.Silo.Storage;

/// <summary>
/// A grain's key columns in <c>orleansstorage</c> (Migrations/0003), computed exactly as Orleans' ADO.NET
/// provider computes them (integer and Guid keys in n0/n1 with the extension apart, string keys in the
/// extension column, both hashes with Orleans' default hasher), so that rows it wrote stay readable.
/// </summary>
public readonly record struct StoredGrainKey(int IdHash, long N0, long N1, int TypeHash, string Type, string? Extension)
{
    private static readonly OrleansDefaultHasher Hasher = new();

    /// <param name="stateName">The grain's state name ("lead"), which the provider stores as the grain type.</param>
    public static StoredGrainKey Of(string stateName, GrainId grainId)
    {
        if (stateName.Contains('`'))
            throw new NotSupportedException($"State name '{stateName}' looks like a generic type name; the ADO.NET provider would store it shortened.");
        // In the provider's order: a Guid key is tried first.
        var typeHash = Hasher.Hash(Encoding.UTF8.GetBytes(stateName));
        if (grainId.TryGetGuidKey(out var guid, out var extension))
        {
            var bytes = guid.ToByteArray();
            return new(HashOf(bytes, extension), BitConverter.ToInt64(bytes, 0), BitConverter.ToInt64(bytes, 8), typeHash, stateName, extension);
        }
        if (grainId.TryGetIntegerKey(out var integer, out extension))
            return new(HashOf(BitConverter.GetBytes(integer), extension), 0, integer, typeHash, stateName, extension);
        var key = grainId.Key.ToString();
        return new(HashOf([], key), 0, 0, typeHash, stateName, key);
    }

    /// <summary>The key's bytes then the extension's, reversed on little-endian machines, hashed.</summary>
    private static int HashOf(byte[] keyBytes, string? extension)
    {
        byte[] bytes = [.. keyBytes, .. Encoding.UTF8.GetBytes(extension ?? "")]; // a copy: the key's bytes are still used
        if (BitConverter.IsLittleEndian) Array.Reverse(bytes);
        return Hasher.Hash(bytes);
    }
}
