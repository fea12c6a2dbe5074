using Microsoft.EntityFrameworkCore;
using RefundPortal.Domain;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Refunds;
using RefundPortal.Tests.Support;
using static RefundPortal.Tests.Support.OrderFactory;

namespace RefundPortal.Tests.Features.Refunds;

/// <summary>The amount a buyer types is read in the order's currency: whole yen, three-decimal dinars.</summary>
public sealed class RefundServiceCurrencyTests(TestApp app) : IClassFixture<TestApp>
{
    /// <summary>A kettle at 4,800 and a whisk at 1,850 (or 4.800 and 1.850 in a three-digit currency), not shipped.</summary>
    private async Task<(CurrentUser Buyer, Order Order)> OrderInAsync(string currency)
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        var order = Order.Place(NewOrderNumber(), buyer.Id, seller.Id, currency, 600,
            [("Cast Iron Tea Kettle", "KT-1", 4800, 1), ("Matcha Whisk Set", "MW-2", 1850, 1)], app.Now().AddDays(-1));
        await using var db = app.NewDb();
        db.Orders.Add(order);
        await db.SaveChangesAsync();
        return (buyer, order);
    }

    private async Task<RefundValidationException> RefusedAsync(CurrentUser buyer, Order order, decimal amount)
    {
        var refused = await Assert.ThrowsAsync<RefundValidationException>(() =>
            app.Refunds().ApplyAsync(buyer, order.Id, RefundOnly(order, amount: amount), []));
        await using var db = app.NewDb();
        Assert.False(await db.RefundRequests.AnyAsync(r => r.OrderId == order.Id));
        return refused;
    }

    [Fact]
    public async Task AYenAmountIsWholeYen()
    {
        var (buyer, order) = await OrderInAsync("JPY");

        Assert.Equal("JPY has no decimals.", (await RefusedAsync(buyer, order, 4799.5m)).Errors[Fields.Amount]);
        Assert.Equal("The refund amount cannot be more than JPY 4,800, what was paid for the selected items.",
            (await RefusedAsync(buyer, order, 4801m)).Errors[Fields.Amount]);

        var id = await app.Refunds().ApplyAsync(buyer, order.Id, RefundOnly(order, amount: 4800m), []);
        var saved = await app.LoadAsync(id);
        Assert.Equal((4800L, "JPY"), (saved.AmountMinor, saved.Currency));
        Assert.Equal("JPY 4,800", saved.Amount.ToString());
    }

    [Fact]
    public async Task AKuwaitiDinarAmountHasUpToThreeDecimals()
    {
        var (buyer, order) = await OrderInAsync("KWD");

        Assert.Equal("Use at most three decimals.", (await RefusedAsync(buyer, order, 1.2345m)).Errors[Fields.Amount]);
        Assert.Equal("The refund amount cannot be more than KWD 4.800, what was paid for the selected items.",
            (await RefusedAsync(buyer, order, 4.801m)).Errors[Fields.Amount]);

        var id = await app.Refunds().ApplyAsync(buyer, order.Id, RefundOnly(order, amount: 1.25m), []);
        Assert.Equal(1250, (await app.LoadAsync(id)).AmountMinor);
    }
}
