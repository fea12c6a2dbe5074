using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RefundPortal.Tests.Support;

/// <summary>A logger provider that keeps every entry, so a test can read what the app logged.</summary>
public sealed class LogCapture : ILoggerProvider
{
    public sealed record Entry(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception);

    private readonly ConcurrentQueue<Entry> entries = new();

    public IReadOnlyList<Entry> Entries => [.. entries];

    /// <summary>Makes this the only logger of the services (bUnit registers null loggers of its own).</summary>
    public void LogFor(IServiceCollection services)
    {
        services.AddSingleton<ILoggerFactory>(new LoggerFactory([this]));
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <summary>A typed logger writing here, for a service built by hand in a test.</summary>
    public ILogger<T> CreateLogger<T>() => new LoggerFactory([this]).CreateLogger<T>();

    public void Dispose() { }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            capture.entries.Enqueue(new Entry(category, logLevel, eventId, formatter(state, exception), exception));
    }
}
