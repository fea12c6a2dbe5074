using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using RefundPortal.Features.Notifications;
using RefundPortal.Tests.Support;
using StackExchange.Redis;

namespace RefundPortal.Tests.Features.Notifications;

/// <summary>Two hubs on two connections to a real Redis, as two app nodes have them.</summary>
public sealed class RedisNotificationHubTests : IAsyncLifetime
{
    private RedisServer redis = null!;
    private readonly List<ConnectionMultiplexer> connections = [];

    public async Task InitializeAsync() => redis = await RedisServer.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var c in connections) await c.DisposeAsync();
        await redis.DisposeAsync();
    }

    private async Task<RedisNotificationHub> NodeAsync()
    {
        var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        connections.Add(connection);
        return new RedisNotificationHub(connection, NullLoggerFactory.Instance);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The notification did not arrive.");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task APublishOnOneNodeReachesTheSubscribersOnEveryNodeOnce()
    {
        var (a, b) = (await NodeAsync(), await NodeAsync());
        var onA = new ConcurrentBag<LiveNotification>();
        var onB = new ConcurrentBag<LiveNotification>();
        var otherUser = new ConcurrentBag<LiveNotification>();
        var refundOnA = 0;
        using var s1 = a.SubscribeToUser("buyer-1", n => { onA.Add(n); return Task.CompletedTask; });
        using var s2 = b.SubscribeToUser("buyer-1", n => { onB.Add(n); return Task.CompletedTask; });
        using var s3 = a.SubscribeToUser("buyer-2", n => { otherUser.Add(n); return Task.CompletedTask; });
        using var s4 = a.SubscribeToRefund(42, () => { Interlocked.Increment(ref refundOnA); return Task.CompletedTask; });
        await Task.Delay(200); // the subscriptions reach Redis

        var sent = new LiveNotification(7, "Seller agreed", "Send the goods back.", "refunds/42");
        b.PublishToUser("buyer-1", sent);
        b.PublishRefundChanged(42);

        await WaitForAsync(() => onA.Count == 1 && onB.Count == 1 && refundOnA == 1);
        await Task.Delay(300);
        Assert.Equal(sent, Assert.Single(onA));
        Assert.Equal(sent, Assert.Single(onB));
        Assert.Equal(1, refundOnA);
        Assert.Empty(otherUser);
    }

    [Fact]
    public async Task AClosedPageHearsNothingMore()
    {
        var (a, b) = (await NodeAsync(), await NodeAsync());
        var heard = 0;
        var subscription = a.SubscribeToRefund(7, () => { Interlocked.Increment(ref heard); return Task.CompletedTask; });
        await Task.Delay(200);
        b.PublishRefundChanged(7);
        await WaitForAsync(() => heard == 1);
        subscription.Dispose();
        b.PublishRefundChanged(7);
        await Task.Delay(500);
        Assert.Equal(1, heard);
    }
}
