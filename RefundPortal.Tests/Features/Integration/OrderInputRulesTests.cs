using RefundPortal.Features.Integration.Orders;

namespace RefundPortal.Tests.Features.Integration;

/// <summary>The currency an order comes in: any ISO 4217 code with a minor unit, in capitals; nothing else.</summary>
public sealed class OrderInputRulesTests
{
    [Theory]
    [InlineData("USD")]
    [InlineData("JPY")]
    [InlineData("KWD")]
    [InlineData("VND")]
    [InlineData("CLF")]
    public void AnIso4217CurrencyIsTaken(string code) => Assert.Null(OrderInputRules.CheckCurrency(code));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("usd")]
    [InlineData("US")]
    [InlineData("USDD")]
    [InlineData("U$D")]
    [InlineData("<b>")]
    public void ACodeNotShapedLikeOneIsRefused(string? code) =>
        Assert.Equal("The currency is an ISO 4217 code of three capital letters, such as USD, EUR or JPY.", OrderInputRules.CheckCurrency(code));

    [Theory]
    [InlineData("ABC")]
    [InlineData("XAU")]
    [InlineData("XXX")]
    public void AWellFormedCodeTheListDoesNotKnowIsRefused(string code) =>
        Assert.Equal($"\"{code}\" is not an ISO 4217 currency the portal knows.", OrderInputRules.CheckCurrency(code));

    [Fact]
    public void AYenOrderPassesTheShapeChecks()
    {
        var input = new OrderInput(
            new PartyInput("b-1", "b1@example.com", "Buyer"), new PartyInput("s-1", "s1@example.com", "Seller"), "JPY", 600,
            new DateTime(2026, 11, 20, 10, 0, 0, DateTimeKind.Utc), null, null, null,
            [new OrderLineInput("KT-1", "Cast Iron Tea Kettle", 1, 4800)]);

        Assert.Empty(OrderInputRules.Check(input, new DateTime(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc)));
        Assert.Contains("currency", OrderInputRules.Check(input with { Currency = "ABC" }, new DateTime(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc)).Keys);
    }
}
