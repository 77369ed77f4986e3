using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Crm.Bench;

/// <summary>
/// Counts the in-process silo's warnings and errors by category and event, keeping the first few
/// messages of each: 100,000 grains that all complain the same way would drown the console, yet the
/// complaint is evidence the results must carry.
/// </summary>
public sealed class LogTally : ILoggerProvider
{
    private const int KeptPerKind = 3;
    private readonly ConcurrentDictionary<(string Category, LogLevel Level, string Event), Kind> _kinds = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    /// <summary>Every kind seen, most frequent first.</summary>
    public IReadOnlyList<object> Report() => _kinds
        .OrderByDescending(k => k.Value.Count)
        .Select(k => (object)new { category = k.Key.Category, level = k.Key.Level.ToString(), @event = k.Key.Event, count = k.Value.Count, first = k.Value.Messages.ToArray() })
        .ToList();

    private void Add(string category, LogLevel level, EventId eventId, string message)
    {
        var kind = _kinds.GetOrAdd((category, level, eventId.Name ?? eventId.Id.ToString()), _ => new Kind());
        if (Interlocked.Increment(ref kind.Count) <= KeptPerKind)
        {
            kind.Messages.Enqueue(message.Length > 600 ? message[..600] + "…" : message);
            Console.WriteLine($"  [{level}] {category}: {(message.Length > 300 ? message[..300] + "…" : message)}");
        }
    }

    private sealed class Kind
    {
        public int Count;
        public readonly ConcurrentQueue<string> Messages = new();
    }

    private sealed class Logger(LogTally tally, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var message = formatter(state, exception);
            if (exception is not null) message += $" | {exception.GetType().Name}: {exception.Message}";
            tally.Add(category, logLevel, eventId, message);
        }
    }
}
