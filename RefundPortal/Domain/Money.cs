using System.Globalization;

namespace RefundPortal.Domain;

/// <summary>An amount in integer minor units of an ISO 4217 currency (cents of USD, yen of JPY, fils of KWD: see <see cref="Currencies"/>).</summary>
public readonly record struct Money(long Minor, string Currency)
{
    public static Money Zero(string currency) => new(0, currency);

    public Money Add(Money other) => new(checked(Minor + SameCurrency(other).Minor), Currency);

    public Money Subtract(Money other) => new(checked(Minor - SameCurrency(other).Minor), Currency);

    /// <summary>
    /// Parses a decimal amount such as "12.5" into minor units of <paramref name="currency"/>; null when it is not a
    /// valid amount in that currency (more decimals than its minor unit has).
    /// </summary>
    public static long? ParseMinor(string? text, string currency)
    {
        if (!decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)) return null;
        return TryToMinor(value, currency);
    }

    /// <summary>Minor units as an amount in major units: 1850 is 18.50 USD, 1850 JPY, 1.850 KWD.</summary>
    public static decimal ToDecimal(long minor, string currency) => minor / Currencies.Factor(currency);

    /// <summary>
    /// A decimal amount as minor units of <paramref name="currency"/>; null when it has more decimals than the currency's
    /// minor unit or is too large for a long. The range is checked before multiplying, because both the multiplication
    /// and the cast throw on overflow.
    /// </summary>
    public static long? TryToMinor(decimal amount, string currency)
    {
        var factor = Currencies.Factor(currency);
        var max = decimal.Truncate(long.MaxValue / factor);
        if (amount > max || amount < -max) return null;
        var minor = amount * factor;
        return minor == decimal.Truncate(minor) ? (long)minor : null;
    }

    /// <summary>The largest amount a form may ask for, in minor units (a billion US dollars; far beyond any order).</summary>
    public const long MaxAmountMinor = 100_000_000_000;

    /// <summary>The amount as a decimal, e.g. 12.50 for 1250 minor units of USD: what a form's amount field holds.</summary>
    public decimal Decimal => ToDecimal(Minor, Currency);

    /// <summary>
    /// An amount typed in a form, as minor units of <paramref name="currency"/>; when it is not one, the message goes
    /// into <paramref name="errors"/> under <see cref="Fields.Amount"/> and 0 comes back.
    /// </summary>
    public static long AmountFrom(decimal? amount, string currency, IDictionary<string, string> errors)
    {
        // Range first: any decimal a form holds (up to 7.9e28 either way) must reach a message, never an overflow.
        string? error = amount switch
        {
            null => DomainErrors.Get("Amount_Enter"),
            <= 0m => DomainErrors.Get("Amount_MoreThanZero"),
            { } a when a > MaxAmountMinor / Currencies.Factor(currency) => DomainErrors.Get("Amount_TooLarge"),
            _ => null,
        };
        var minor = error is null ? TryToMinor(amount!.Value, currency) : null;
        if (minor is { } value) return value;
        errors[Fields.Amount] = error ?? TooManyDecimals(currency);
        return 0;
    }

    /// <summary>"JPY has no decimals.", "Use at most two decimals.": what a field says when the amount is finer than the minor unit.</summary>
    public static string TooManyDecimals(string currency) => Currencies.MinorDigits(currency) switch
    {
        0 => DomainErrors.Format("Decimals_None", currency),
        1 => DomainErrors.Get("Decimals_One"),
        2 => DomainErrors.Get("Decimals_Two"),
        3 => DomainErrors.Get("Decimals_Three"),
        var n => DomainErrors.Format("Decimals_N", n),
    };

    public override string ToString() => Format(Minor, Currency);

    /// <summary>"USD 18.50", "JPY 1,850", "KWD 1.250": the code, then the amount with the currency's own decimals.</summary>
    public static string Format(long minor, string currency) =>
        string.Create(CultureInfo.InvariantCulture, $"{currency} {ToDecimal(minor, currency).ToString("N" + Currencies.MinorDigits(currency), CultureInfo.InvariantCulture)}");

    private Money SameCurrency(Money other) =>
        other.Currency == Currency ? other : throw new InvalidOperationException($"Cannot mix {Currency} and {other.Currency}.");
}
