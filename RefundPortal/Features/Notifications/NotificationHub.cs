using System.Collections.Concurrent;

namespace RefundPortal.Features.Notifications;

/// <summary>What a circuit hears: a new notification for its user, or a change on a refund it shows.</summary>
public sealed record LiveNotification(long Id, string Title, string Body, string Link);

/// <summary>
/// Delivers live events to open pages. This in-process hub serves one server; a multi-server deployment replaces it
/// with one backed by a message bus, with the same three subscriptions.
/// </summary>
public interface INotificationHub
{
    IDisposable SubscribeToUser(string userId, Func<LiveNotification, Task> onNotification);
    IDisposable SubscribeToRefund(int refundId, Func<Task> onChanged);
    /// <summary>The account's roles or sessions changed: its open pages check their sign-in again.</summary>
    IDisposable SubscribeToAccess(string userId, Func<Task> onChanged);
    void PublishToUser(string userId, LiveNotification notification);
    void PublishRefundChanged(int refundId);
    void PublishAccessChanged(string userId);
}

/// <summary>A singleton that circuits subscribe to and unsubscribe from on dispose (eShop's refresh-on-status-change).</summary>
public sealed class InProcessNotificationHub(ILogger<InProcessNotificationHub> logger) : INotificationHub
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Guid, Func<LiveNotification, Task>>> users = new();
    private readonly ConcurrentDictionary<int, ConcurrentDictionary<Guid, Func<Task>>> refunds = new();
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Guid, Func<Task>>> access = new();

    public IDisposable SubscribeToUser(string userId, Func<LiveNotification, Task> onNotification) =>
        Add(users, userId, onNotification);

    public IDisposable SubscribeToRefund(int refundId, Func<Task> onChanged) => Add(refunds, refundId, onChanged);

    public IDisposable SubscribeToAccess(string userId, Func<Task> onChanged) => Add(access, userId, onChanged);

    public void PublishToUser(string userId, LiveNotification notification)
    {
        if (users.TryGetValue(userId, out var handlers))
            foreach (var handler in handlers.Values) Fire(() => handler(notification));
    }

    public void PublishRefundChanged(int refundId)
    {
        if (refunds.TryGetValue(refundId, out var handlers))
            foreach (var handler in handlers.Values) Fire(handler);
    }

    public void PublishAccessChanged(string userId)
    {
        if (access.TryGetValue(userId, out var handlers))
            foreach (var handler in handlers.Values) Fire(handler);
    }

    /// <summary>A slow or broken page never holds up the one that published.</summary>
    private void Fire(Func<Task> handler) => _ = Task.Run(async () =>
    {
        try { await handler(); }
        catch (Exception e) { logger.LogWarning(e, "A live notification handler failed."); }
    });

    private static IDisposable Add<TKey, THandler>(ConcurrentDictionary<TKey, ConcurrentDictionary<Guid, THandler>> map, TKey key, THandler handler)
        where TKey : notnull
    {
        var id = Guid.NewGuid();
        map.GetOrAdd(key, _ => new()).TryAdd(id, handler);
        return new Subscription(() =>
        {
            if (map.TryGetValue(key, out var handlers)) handlers.TryRemove(id, out _);
        });
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? dispose = dispose;
        public void Dispose() => Interlocked.Exchange(ref dispose, null)?.Invoke();
    }
}
