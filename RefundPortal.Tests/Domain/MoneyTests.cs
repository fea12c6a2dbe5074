using System.Globalization;
using RefundPortal.Domain;

namespace RefundPortal.Tests.Domain;

/// <summary>
/// Any decimal a form can hold becomes minor units or one message on the amount field, never an exception; each
/// currency converts and prints with its own minor unit (JPY none, USD two, KWD three).
/// </summary>
public sealed class MoneyTests
{
    private static decimal D(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);

    public static TheoryData<decimal, string> Refused => new()
    {
        { -1_000_000_000_000_000_000m, "The amount must be more than zero." },
        { -0.01m, "The amount must be more than zero." },
        { 0m, "The amount must be more than zero." },
        { decimal.MinValue, "The amount must be more than zero." },
        { decimal.MaxValue, "That amount is too large." },
        { 1_000_000_000_000_000_000_000_000m, "That amount is too large." },
        { 1_000_000_000.01m, "That amount is too large." },
        { 0.001m, "Use at most two decimals." },
        { 12.345m, "Use at most two decimals." },
        { 0.0000000000000000000000000001m, "Use at most two decimals." },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void AmountFromGivesAFieldMessageForAnyUnusableDecimal(decimal amount, string message)
    {
        var errors = new Dictionary<string, string>();

        var minor = Money.AmountFrom(amount, "USD", errors);

        Assert.Equal(0, minor);
        Assert.Equal(message, Assert.Single(errors, e => e.Key == Fields.Amount).Value);
    }

    [Theory]
    [InlineData("USD", "0.01", 1)]
    [InlineData("USD", "12.5", 1250)]
    [InlineData("USD", "12.50", 1250)]
    [InlineData("USD", "1000000000", 100_000_000_000)]
    [InlineData("JPY", "1850", 1850)]
    [InlineData("JPY", "1850.00", 1850)]
    [InlineData("JPY", "100000000000", 100_000_000_000)]
    [InlineData("KWD", "1.25", 1250)]
    [InlineData("KWD", "0.001", 1)]
    [InlineData("KWD", "100000000", 100_000_000_000)]
    public void AmountFromTakesTheCurrencysDecimalsUpToTheLimit(string currency, string typed, long expected)
    {
        var errors = new Dictionary<string, string>();

        Assert.Equal(expected, Money.AmountFrom(D(typed), currency, errors));
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("JPY", "1850.5", "JPY has no decimals.")]
    [InlineData("KRW", "0.1", "KRW has no decimals.")]
    [InlineData("KWD", "1.2505", "Use at most three decimals.")]
    [InlineData("EUR", "1.255", "Use at most two decimals.")]
    [InlineData("JPY", "100000000001", "That amount is too large.")]
    [InlineData("KWD", "100000000.001", "That amount is too large.")]
    public void AmountFromNamesTheCurrencysLimit(string currency, string typed, string message)
    {
        var errors = new Dictionary<string, string>();

        Assert.Equal(0, Money.AmountFrom(D(typed), currency, errors));
        Assert.Equal(message, errors[Fields.Amount]);
    }

    [Fact]
    public void AmountFromAsksForAMissingAmount()
    {
        var errors = new Dictionary<string, string>();
        Assert.Equal(0, Money.AmountFrom(null, "USD", errors));
        Assert.Equal("Enter the amount.", errors[Fields.Amount]);
    }

    [Theory]
    [InlineData("79228162514264337593543950335")]
    [InlineData("-79228162514264337593543950335")]
    [InlineData("1e30")]
    [InlineData("-1000000000000000000")]
    [InlineData("0.001")]
    public void ParseMinorRefusesWhatIsNoAmount(string text) => Assert.Null(Money.ParseMinor(text, "USD"));

    [Theory]
    [InlineData("12.5", "USD", 1250L)]
    [InlineData("12.5", "JPY", null)]
    [InlineData("1850", "JPY", 1850L)]
    [InlineData("1.25", "BHD", 1250L)]
    [InlineData("1.2345", "BHD", null)]
    [InlineData("1.2345", "CLF", 12345L)]
    public void ParseMinorUsesTheCurrencysMinorUnit(string text, string currency, long? expected) =>
        Assert.Equal(expected, Money.ParseMinor(text, currency));

    [Theory]
    [InlineData("-1000000000000000000", "USD")]
    [InlineData("92233720368547759", "USD")]
    [InlineData("79228162514264337593543950335", "USD")]
    [InlineData("0.005", "USD")]
    [InlineData("9223372036854775808", "JPY")]
    [InlineData("9223372036854776", "KWD")]
    public void TryToMinorRefusesWhatALongCannotHoldExactly(string amount, string currency) =>
        Assert.Null(Money.TryToMinor(D(amount), currency));

    [Fact]
    public void TryToMinorConvertsUpToTheLargestAmountALongHolds()
    {
        Assert.Equal(9_223_372_036_854_775_800, Money.TryToMinor(92_233_720_368_547_758m, "USD"));
        Assert.Equal(-1, Money.TryToMinor(-0.01m, "USD"));
        Assert.Equal(long.MaxValue, Money.TryToMinor(long.MaxValue, "JPY"));
        Assert.Equal(9_223_372_036_854_775_000, Money.TryToMinor(9_223_372_036_854_775m, "KWD"));
    }

    [Theory]
    [InlineData(1850, "USD", "USD 18.50")]
    [InlineData(1850, "JPY", "JPY 1,850")]
    [InlineData(1250, "KWD", "KWD 1.250")]
    [InlineData(123456789, "EUR", "EUR 1,234,567.89")]
    [InlineData(5, "VND", "VND 5")]
    [InlineData(7, "OMR", "OMR 0.007")]
    [InlineData(-1850, "JPY", "JPY -1,850")]
    public void FormatPrintsTheCurrencysOwnDecimals(long minor, string currency, string expected)
    {
        Assert.Equal(expected, Money.Format(minor, currency));
        Assert.Equal(expected, new Money(minor, currency).ToString());
    }

    [Theory]
    [InlineData(1850, "USD", "18.5")]
    [InlineData(1850, "JPY", "1850")]
    [InlineData(1250, "TND", "1.25")]
    public void DecimalIsTheAmountInMajorUnits(long minor, string currency, string expected) =>
        Assert.Equal(D(expected), new Money(minor, currency).Decimal);
}

/// <summary>The ISO 4217 minor units the portal knows, and what it does with a code it does not know.</summary>
public sealed class CurrenciesTests
{
    [Theory]
    [InlineData("JPY", 0)]
    [InlineData("KRW", 0)]
    [InlineData("VND", 0)]
    [InlineData("CLP", 0)]
    [InlineData("ISK", 0)]
    [InlineData("UGX", 0)]
    [InlineData("XAF", 0)]
    [InlineData("XOF", 0)]
    [InlineData("USD", 2)]
    [InlineData("EUR", 2)]
    [InlineData("CNY", 2)]
    [InlineData("BHD", 3)]
    [InlineData("KWD", 3)]
    [InlineData("OMR", 3)]
    [InlineData("JOD", 3)]
    [InlineData("TND", 3)]
    [InlineData("IQD", 3)]
    [InlineData("LYD", 3)]
    [InlineData("CLF", 4)]
    public void MinorDigitsFollowIso4217(string code, int digits)
    {
        Assert.True(Currencies.IsKnown(code));
        Assert.Equal(digits, Currencies.MinorDigits(code));
    }

    [Theory]
    [InlineData("ABC")]
    [InlineData("XAU")]
    [InlineData("XXX")]
    public void AnUnknownCodeIsNotKnownAndReadsWithTwoDigits(string code)
    {
        Assert.False(Currencies.IsKnown(code));
        Assert.Equal(2, Currencies.MinorDigits(code));
        Assert.Equal($"{code} 18.50", Money.Format(1850, code));
    }

    [Theory]
    [InlineData("USD", true)]
    [InlineData("usd", false)]
    [InlineData("US", false)]
    [InlineData("USDX", false)]
    [InlineData("U5D", false)]
    [InlineData("ÜSD", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void AWellFormedCodeIsThreeCapitalLetters(string? code, bool wellFormed) =>
        Assert.Equal(wellFormed, Currencies.IsWellFormed(code));

    [Theory]
    [InlineData("JPY", "4800", "4800", "1")]
    [InlineData("JPY", "12.5", "12.5", "1")]
    [InlineData("USD", "18.5", "18.50", "0.01")]
    [InlineData("USD", "12.345", "12.345", "0.01")]
    [InlineData("KWD", "1.25", "1.250", "0.001")]
    public void AnAmountFieldShowsTheCurrencysDecimalsAndHidesNoneTyped(string code, string amount, string shown, string smallest)
    {
        Assert.Equal(shown, decimal.Parse(amount, CultureInfo.InvariantCulture).ToString(Currencies.InputFormat(code), CultureInfo.InvariantCulture));
        Assert.Equal(decimal.Parse(smallest, CultureInfo.InvariantCulture), Currencies.Smallest(code));
    }
}
