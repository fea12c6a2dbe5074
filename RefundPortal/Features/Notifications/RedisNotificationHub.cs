using System.Text.Json;
using StackExchange.Redis;

namespace RefundPortal.Features.Notifications;

/// <summary>
/// The live notifications of several nodes (<c>ConnectionStrings:Redis</c> set): a publish goes to Redis pub/sub, every
/// node receives it and hands it to the circuits it holds through its own <see cref="InProcessNotificationHub"/>.
/// Three broadcast channels (notifications, refund changes, access changes), not one per user: a handful of nodes each skip what none of their circuits wants, which
/// costs less than subscribing and unsubscribing a channel for every page opened. Pub/sub is fire and forget, like the
/// pop-ups themselves: what a node misses while Redis is away, its pages show at their next load (the bell and the
/// lists read the database). If Redis cannot take a publish, this node's own pages still hear of it.
/// </summary>
public sealed class RedisNotificationHub : INotificationHub, IDisposable
{
    private static readonly RedisChannel UserChannel = RedisChannel.Literal("refundportal:notifications:user");
    private static readonly RedisChannel RefundChannel = RedisChannel.Literal("refundportal:notifications:refund");
    private static readonly RedisChannel AccessChannel = RedisChannel.Literal("refundportal:notifications:access");

    private readonly InProcessNotificationHub local;
    private readonly IConnectionMultiplexer redis;
    private readonly ILogger<RedisNotificationHub> logger;

    public RedisNotificationHub(IConnectionMultiplexer redis, ILoggerFactory loggers)
    {
        this.redis = redis;
        logger = loggers.CreateLogger<RedisNotificationHub>();
        local = new InProcessNotificationHub(loggers.CreateLogger<InProcessNotificationHub>());
        var subscriber = redis.GetSubscriber();
        subscriber.Subscribe(UserChannel, (_, message) =>
        {
            if (Read<UserMessage>(message) is { } m) local.PublishToUser(m.UserId, m.Notification);
        });
        subscriber.Subscribe(RefundChannel, (_, message) =>
        {
            if (int.TryParse(message.ToString(), out var refundId)) local.PublishRefundChanged(refundId);
        });
        subscriber.Subscribe(AccessChannel, (_, message) => local.PublishAccessChanged(message.ToString()));
    }

    private sealed record UserMessage(string UserId, LiveNotification Notification);

    public IDisposable SubscribeToUser(string userId, Func<LiveNotification, Task> onNotification) => local.SubscribeToUser(userId, onNotification);

    public IDisposable SubscribeToRefund(int refundId, Func<Task> onChanged) => local.SubscribeToRefund(refundId, onChanged);

    public IDisposable SubscribeToAccess(string userId, Func<Task> onChanged) => local.SubscribeToAccess(userId, onChanged);

    public void PublishToUser(string userId, LiveNotification notification) =>
        Publish(UserChannel, JsonSerializer.Serialize(new UserMessage(userId, notification)), () => local.PublishToUser(userId, notification));

    public void PublishRefundChanged(int refundId) =>
        Publish(RefundChannel, refundId.ToString(System.Globalization.CultureInfo.InvariantCulture), () => local.PublishRefundChanged(refundId));

    public void PublishAccessChanged(string userId) => Publish(AccessChannel, userId, () => local.PublishAccessChanged(userId));

    /// <summary>Never holds up the change that published: the send runs on its own, and a failure falls back to this node.</summary>
    private void Publish(RedisChannel channel, string message, Action here) => _ = Task.Run(async () =>
    {
        try
        {
            await redis.GetSubscriber().PublishAsync(channel, message);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Redis did not take a live notification; only this node's pages hear of it.");
            here();
        }
    });

    private T? Read<T>(RedisValue message) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(message.ToString());
        }
        catch (JsonException e)
        {
            logger.LogWarning(e, "A live notification from Redis could not be read.");
            return null;
        }
    }

    public void Dispose() => redis.GetSubscriber().UnsubscribeAll();
}
