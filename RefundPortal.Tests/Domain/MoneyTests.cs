using RefundPortal.Domain;

namespace RefundPortal.Tests.Domain;

/// <summary>Any decimal a form can hold becomes minor units or one message on the amount field, never an exception.</summary>
public sealed class MoneyTests
{
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

        var minor = Money.AmountFrom(amount, errors);

        Assert.Equal(0, minor);
        Assert.Equal(message, Assert.Single(errors, e => e.Key == Fields.Amount).Value);
    }

    [Theory]
    [InlineData("0.01", 1)]
    [InlineData("12.5", 1250)]
    [InlineData("12.50", 1250)]
    [InlineData("1000000000", 100_000_000_000)]
    public void AmountFromTakesUpToTwoDecimalsUpToTheLimit(string typed, long expected)
    {
        var errors = new Dictionary<string, string>();

        Assert.Equal(expected, Money.AmountFrom(decimal.Parse(typed, System.Globalization.CultureInfo.InvariantCulture), errors));
        Assert.Empty(errors);
    }

    [Fact]
    public void AmountFromAsksForAMissingAmount()
    {
        var errors = new Dictionary<string, string>();
        Assert.Equal(0, Money.AmountFrom(null, errors));
        Assert.Equal("Enter the amount.", errors[Fields.Amount]);
    }

    [Theory]
    [InlineData("79228162514264337593543950335")]
    [InlineData("-79228162514264337593543950335")]
    [InlineData("1e30")]
    [InlineData("-1000000000000000000")]
    [InlineData("0.001")]
    public void ParseMinorRefusesWhatIsNoAmount(string text) => Assert.Null(Money.ParseMinor(text));

    [Theory]
    [InlineData("-1000000000000000000")]
    [InlineData("92233720368547759")]
    [InlineData("79228162514264337593543950335")]
    [InlineData("0.005")]
    public void TryToMinorRefusesWhatALongCannotHoldExactly(string amount) =>
        Assert.Null(Money.TryToMinor(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void TryToMinorConvertsUpToTheLargestAmountALongHolds()
    {
        Assert.Equal(9_223_372_036_854_775_800, Money.TryToMinor(92_233_720_368_547_758m));
        Assert.Equal(-1, Money.TryToMinor(-0.01m));
    }
}
