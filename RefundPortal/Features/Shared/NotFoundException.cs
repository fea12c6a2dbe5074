namespace RefundPortal.Features.Shared;

/// <summary>Asked for something that does not exist or is not the user's: pages answer 404 either way.</summary>
public sealed class NotFoundException() : Exception("Not found.");
