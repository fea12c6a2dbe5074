using RefundPortal.Domain;
using RefundPortal.Tests.Support;
using static RefundPortal.Tests.Support.DomainWorld;

namespace RefundPortal.Tests.Domain;

public sealed class OrderTests
{
    private readonly DomainWorld world = new();

    [Fact]
    public void PlacingTotalsTheLinesAndShipping()
    {
        var order = world.NewOrder();
        Assert.Equal(new Money(5000, "USD"), order.PaidTotal);
        Assert.Equal(ProductStatus.NotShipped, order.ProductStatus);
        Assert.Equal(OrderStatus.AwaitingShipment, order.Status);
    }

    [Fact]
    public void ConfirmReceiptCompletesAShippedOrderForItsBuyerOnly()
    {
        var order = world.ShippedOrder(daysAgo: 2);
        Assert.Throws<DomainException>(() => order.ConfirmReceipt("buyer-2", world.Now));
        order.ConfirmReceipt(BuyerId, world.Now);
        Assert.Equal(OrderStatus.Completed, order.Status);
        Assert.Equal(ProductStatus.Received, order.ProductStatus);
        Assert.Equal(world.Now, order.CompletedAt);
    }

    [Fact]
    public void ConfirmReceiptIsRefusedBeforeShippingAndWhileARefundIsOpen()
    {
        Assert.Throws<DomainException>(() => world.NewOrder().ConfirmReceipt(BuyerId, world.Now));
        var order = world.DeliveredOrder();
        world.Apply(order);
        var error = Assert.Throws<DomainException>(() => order.ConfirmReceipt(BuyerId, world.Now));
        Assert.StartsWith("A refund request on this order is still open", error.Message);
        Assert.Equal(OrderStatus.Shipped, order.Status);
    }

    [Fact]
    public void MoneyParsesAndFormatsMinorUnits()
    {
        Assert.Equal(1250, Money.ParseMinor("12.5", "USD"));
        Assert.Equal(1999, Money.ParseMinor("19.99", "USD"));
        Assert.Null(Money.ParseMinor("1.234", "USD"));
        Assert.Null(Money.ParseMinor("ten", "USD"));
        Assert.Equal("USD 1,234.50", new Money(123450, "USD").ToString());
        Assert.Throws<InvalidOperationException>(() => new Money(1, "USD").Add(new Money(1, "EUR")));
    }
}
