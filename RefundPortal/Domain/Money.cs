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
        var minor = value * 100m;
        if (minor != decimal.Truncate(minor) || minor > long.MaxValue || minor < long.MinValue) return null;
        return (long)minor;
    }

    public static decimal ToDecimal(long minor) => minor / 100m;

    /// <summary>A decimal amount as minor units, truncated past two decimals (<see cref="AmountFrom"/> refuses those).</summary>
    public static long ToMinor(decimal amount) => (long)(amount * 100m);

    /// <summary>The amount as a decimal, e.g. 12.50 for 1250 minor units: what a form's amount field holds.</summary>
    public decimal Decimal => ToDecimal(Minor);

    /// <summary>
    /// An amount typed in a form, as minor units; when it is not one, the message goes into
    /// <paramref name="errors"/> under <see cref="Fields.Amount"/> and 0 comes back.
    /// </summary>
    public static long AmountFrom(decimal? amount, IDictionary<string, string> errors)
    {
        string? error = amount switch
        {
            null => "Enter the amount.",
            { } v when v * 100m != decimal.Truncate(v * 100m) => "Use at most two decimals.",
            > 1_000_000_000m => "That amount is too large.",
            _ => null,
        };
        if (error is null) return ToMinor(amount!.Value);
        errors[Fields.Amount] = error;
        return 0;
    }

    public override string ToString() => Format(Minor, Currency);

    public static string Format(long minor, string currency) =>
        string.Create(CultureInfo.InvariantCulture, $"{currency} {minor / 100m:N2}");

    private Money SameCurrency(Money other) =>
        other.Currency == Currency ? other : throw new InvalidOperationException($"Cannot mix {Currency} and {other.Currency}.");
}
