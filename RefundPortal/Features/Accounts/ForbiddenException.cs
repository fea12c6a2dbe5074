namespace RefundPortal.Features.Accounts;

/// <summary>A call by a user without the role it needs.</summary>
public sealed class ForbiddenException(string message) : Exception(message);
