using System.Globalization;

namespace RefundPortal.Domain;

/// <summary>An amount in integer minor units (cents) of an ISO 4217 currency.</summary>
public readonly record struct Money(long Minor, string Currency)
{
    public static Money Zero(string currency) => new(0, currency);

    public Money Add(Money other) => new(checked(Minor + SameCurrency(other).Minor), Currency);

    public Money Subtract(Money other) => new(checked(Minor - SameCurrency(other).Minor), Currency);

    /// <summary>Parses a decimal amount such as "12.5" into minor units; null when it is not a valid amount.</summary>
    public static long? ParseMinor(string? text)
    {
        if (!decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)) return null;
        return TryToMinor(value);
    }

    public static decimal ToDecimal(long minor) => minor / 100m;

    /// <summary>
    /// A decimal amount as minor units; null when it has more than two decimals or is too large for a long. The range is
    /// checked before multiplying, because both the multiplication and the cast throw on overflow.
    /// </summary>
    public static long? TryToMinor(decimal amount)
    {
        if (amount is > MaxConvertible or < -MaxConvertible) return null;
        var minor = amount * 100m;
        return minor == decimal.Truncate(minor) ? (long)minor : null;
    }

    /// <summary>The largest amount, in major units, whose minor units a long holds.</summary>
    private const decimal MaxConvertible = long.MaxValue / 100;

    /// <summary>The largest amount a form may ask for.</summary>
    public const decimal MaxAmount = 1_000_000_000m;

    /// <summary>The amount as a decimal, e.g. 12.50 for 1250 minor units: what a form's amount field holds.</summary>
    public decimal Decimal => ToDecimal(Minor);

    /// <summary>
    /// An amount typed in a form, as minor units; when it is not one, the message goes into
    /// <paramref name="errors"/> under <see cref="Fields.Amount"/> and 0 comes back.
    /// </summary>
    public static long AmountFrom(decimal? amount, IDictionary<string, string> errors)
    {
        // Range first: any decimal a form holds (up to 7.9e28 either way) must reach a message, never an overflow.
        string? error = amount switch
        {
            null => "Enter the amount.",
            <= 0m => "The amount must be more than zero.",
            > MaxAmount => "That amount is too large.",
            _ => null,
        };
        var minor = error is null ? TryToMinor(amount!.Value) : null;
        if (minor is { } value) return value;
        errors[Fields.Amount] = error ?? "Use at most two decimals.";
        return 0;
    }

    public override string ToString() => Format(Minor, Currency);

    public static string Format(long minor, string currency) =>
        string.Create(CultureInfo.InvariantCulture, $"{currency} {minor / 100m:N2}");

    private Money SameCurrency(Money other) =>
        other.Currency == Currency ? other : throw new InvalidOperationException($"Cannot mix {Currency} and {other.Currency}.");
}
