namespace Crm.Web.Components.Pages.Stream;

/// <summary>One browser tab's unread count of the stream, shared by the nav badge and the stream page (which clears it).</summary>
public sealed class StreamUnreadState
{
    public int Count { get; private set; }

    public event Action? Changed;

    public void Set(int count)
    {
        Count = Math.Max(0, count);
        Changed?.Invoke();
    }

    public void Add() => Set(Count + 1);
}
