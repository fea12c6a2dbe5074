namespace RefundPortal.Domain;

/// <summary>A refused move: an illegal transition, a wrong actor or a broken rule. The message is shown to the user.</summary>
public class DomainException(string message) : Exception(message);

/// <summary>Input that breaks a rule, with one message per field so the form can show each next to its field.</summary>
public sealed class RefundValidationException(IReadOnlyDictionary<string, string> errors)
    : DomainException(string.Join(" ", errors.Values))
{
    public IReadOnlyDictionary<string, string> Errors { get; } = errors;
}
