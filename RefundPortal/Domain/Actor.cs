namespace RefundPortal.Domain;

public enum ActorRole
{
    Buyer,
    Seller,
    Arbiter,
    System,
}

/// <summary>Who performs an action: a signed-in user in one of their roles, or the system.</summary>
public sealed record Actor(string? UserId, ActorRole Role)
{
    public static readonly Actor System = new(null, ActorRole.System);

    public static Actor Buyer(string userId) => new(userId, ActorRole.Buyer);
    public static Actor Seller(string userId) => new(userId, ActorRole.Seller);
    public static Actor Arbiter(string userId) => new(userId, ActorRole.Arbiter);
}
