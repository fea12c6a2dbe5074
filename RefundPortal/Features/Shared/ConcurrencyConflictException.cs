namespace RefundPortal.Features.Shared;

/// <summary>Someone else changed the record between reading and saving it.</summary>
public sealed class ConcurrencyConflictException(string message) : Domain.DomainException(message);
