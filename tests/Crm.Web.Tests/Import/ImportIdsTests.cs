using Crm.Grains.Interfaces.Portals;
using Crm.Web.Import;

namespace Crm.Web.Tests.Import;

public sealed class ImportIdsTests
{
    /// <summary>An id grain that hands out consecutive ids and records the blocks asked for.</summary>
    private sealed class Ids : IRecordIdGrain
    {
        private long _next = 1;
        public List<int> Reserved { get; } = [];
        public Task<long> Next() => Reserve(1);
        public Task<long> Reserve(int count)
        {
            Reserved.Add(count);
            var first = _next;
            _next += count;
            return Task.FromResult(first);
        }
    }

    [Fact]
    public async Task Ids_come_in_blocks_sized_to_the_rows_expected_so_a_small_import_leaves_no_gap()
    {
        var grain = new Ids();
        var ids = new ImportIds(grain, expected: 3);
        var first = new List<long> { await ids.Next(), await ids.Next(), await ids.Next() };
        Assert.Equal([1L, 2L, 3L], first);
        Assert.Equal(4L, await ids.Next()); // one more than expected (an original failed): a block of one
        Assert.Equal([3, 1], grain.Reserved);

        var large = new Ids();
        var many = new ImportIds(large, expected: 1_200);
        var taken = await Task.WhenAll(Enumerable.Range(0, 1_200).Select(_ => many.Next()));
        Assert.Equal(Enumerable.Range(1, 1_200).Select(i => (long)i), taken.Order());
        Assert.Equal([ImportIds.MaxBlock, ImportIds.MaxBlock, 200], large.Reserved);
    }
}
