namespace RefundPortal.Domain;

/// <summary>A refused move: an illegal transition, a wrong actor or a broken rule. The message is shown to the user.</summary>
public class DomainException(string message) : Exception(message);

/// <summary>
/// Input that breaks a rule, with one message per field (keys from <see cref="Fields"/>) so the form can show each
/// next to its field.
/// </summary>
public sealed class RefundValidationException(IReadOnlyDictionary<string, string> errors)
    : DomainException(string.Join(" ", errors.Values))
{
    public RefundValidationException(string field, string message) : this(new Dictionary<string, string> { [field] = message }) { }

    public IReadOnlyDictionary<string, string> Errors { get; } = errors;
}
