namespace Crm.Web.Tests;

/// <summary>A test world made once, by the first test that asks for it, and shared by the others of its class.</summary>
public sealed class MadeOnce<T>(Func<WebFixture, Task<T>> make) where T : class
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private T? _made;

    public async Task<T> Of(WebFixture fixture)
    {
        await _gate.WaitAsync();
        try
        {
            return _made ??= await make(fixture);
        }
        finally
        {
            _gate.Release();
        }
    }
}
