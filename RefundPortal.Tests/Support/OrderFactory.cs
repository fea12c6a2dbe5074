using Microsoft.EntityFrameworkCore;
using RefundPortal.Domain;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Refunds;
using RefundPortal.Features.Refunds.Evidence;

namespace RefundPortal.Tests.Support;

/// <summary>Where a fresh order stands when a test takes it.</summary>
public enum OrderStage
{
    /// <summary>Placed a day ago, not shipped: refund only, at once.</summary>
    NotShipped,
    /// <summary>Shipped 12 days ago, never delivered: a not-received claim is open.</summary>
    ShippedLongAgo,
    /// <summary>Shipped 3 days ago, never delivered: too early for a not-received claim.</summary>
    ShippedRecently,
    /// <summary>Shipped 7 days ago, delivered 2 days ago: refund only or return and refund.</summary>
    Delivered,
}

/// <summary>
/// Fresh orders, accounts and refund requests for the service-level tests, so each test owns its data even though the
/// <see cref="TestApp"/> (and its database) is shared by the whole class.
/// </summary>
public static class OrderFactory
{
    public const string BuyerEmail = "buyer@example.com";
    public const string Buyer2Email = "buyer2@example.com";
    public const string SellerEmail = "seller@example.com";
    public const string Seller2Email = "seller2@example.com";
    public const string ArbiterEmail = "arbiter@example.com";

    public static readonly AddressSnapshot Warehouse =
        new("Test Returns", "+86 571 1111 2222", "1 Test Road, Hall 4", "Hangzhou", "Zhejiang", "310000", "China");

    public static readonly AddressSnapshot OtherWarehouse =
        new("Depot Two", "+86 755 3333 4444", "2 Other Street", "Shenzhen", "Guangdong", "518000", "China");

    /// <summary>Backpack 2 × 59.00, lantern 1 × 24.99, shipping 8.00: paid 150.99.</summary>
    public static readonly (string Name, string Sku, long Price, int Quantity)[] StandardLines =
    [
        ("Trail Backpack 40L", "BP-40", 5900, 2),
        ("Camping Lantern", "LT-200", 2499, 1),
    ];

    public const long ShippingFeeMinor = 800;

    public static string NewOrderNumber() => $"RPT-{Guid.NewGuid():N}"[..20].ToUpperInvariant();

    /// <summary>A new paid order of the buyer with the seller, at the given stage, saved; its lines carry their ids.</summary>
    public static async Task<Order> PlaceOrderAsync(this TestApp app, CurrentUser buyer, CurrentUser seller, OrderStage stage = OrderStage.Delivered,
        string? number = null)
    {
        var now = app.Now();
        var order = Order.Place(number ?? NewOrderNumber(), buyer.Id, seller.Id, "USD", ShippingFeeMinor,
            StandardLines.Select(l => (l.Name, l.Sku, l.Price, l.Quantity)), now.AddDays(-14));
        switch (stage)
        {
            case OrderStage.ShippedLongAgo:
                order.MarkShipped(now.AddDays(-12));
                break;
            case OrderStage.ShippedRecently:
                order.MarkShipped(now.AddDays(-3));
                break;
            case OrderStage.Delivered:
                order.MarkShipped(now.AddDays(-7));
                order.MarkDelivered(now.AddDays(-2));
                break;
        }
        await using var db = app.NewDb();
        db.Orders.Add(order);
        await db.SaveChangesAsync();
        return order;
    }

    /// <summary>Refund only of <paramref name="quantity"/> backpacks, goods not received, at their paid value unless told.</summary>
    public static RefundForm RefundOnly(Order order, int quantity = 1, decimal? amount = null, RefundReason reason = RefundReason.NoLongerNeeded,
        bool goodsReceived = false, string? description = null) =>
        new([new LineChoice(order.Lines[0].Id, quantity)], goodsReceived, RefundKind.RefundOnly, amount ?? 59.00m * quantity, false, reason, description);

    /// <summary>Return and refund of the lantern, goods received, with a description.</summary>
    public static RefundForm ReturnAndRefund(Order order, decimal? amount = null) =>
        new([new LineChoice(order.Lines[1].Id, 1)], true, RefundKind.ReturnAndRefund, amount ?? 24.99m, false, RefundReason.QualityProblem,
            "The lantern does not switch on.");

    public static byte[] Png(int size = 64) => Bytes(size, 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A);
    public static byte[] Jpeg(int size = 64) => Bytes(size, 0xFF, 0xD8, 0xFF, 0xE0);
    public static byte[] WebP(int size = 64) => Bytes(size, (byte)'R', (byte)'I', (byte)'F', (byte)'F', 0x10, 0, 0, 0, (byte)'W', (byte)'E', (byte)'B', (byte)'P');
    public static byte[] Pdf(int size = 64) => Bytes(size, (byte)'%', (byte)'P', (byte)'D', (byte)'F', (byte)'-', (byte)'1', (byte)'.', (byte)'7');
    public static byte[] Html() => "<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"u8.ToArray();

    public static UploadedFile Photo(string name = "photo.png") => UploadedFile.FromBytes(name, Png());

    private static byte[] Bytes(int size, params byte[] header)
    {
        var bytes = new byte[Math.Max(size, header.Length)];
        header.CopyTo(bytes, 0);
        for (var i = header.Length; i < bytes.Length; i++) bytes[i] = (byte)(i * 31);
        return bytes;
    }

    public static string[] EvidenceFilesOnDisk(this TestApp app) =>
        Directory.Exists(app.EvidenceFolder) ? Directory.GetFiles(app.EvidenceFolder) : [];

    public static Task<int> ApplyRefundOnlyAsync(this TestApp app, CurrentUser buyer, Order order, int quantity = 1) =>
        app.Refunds().ApplyAsync(buyer, order.Id, RefundOnly(order, quantity), []);

    public static Task<int> ApplyReturnAsync(this TestApp app, CurrentUser buyer, Order order) =>
        app.Refunds().ApplyAsync(buyer, order.Id, ReturnAndRefund(order), [Photo()]);

    /// <summary>
    /// A request on the demo buyer's first delivered order that holds none yet: one of its first line, goods received,
    /// with a photo.
    /// </summary>
    public static async Task<(int RequestId, string BuyerId, string SellerId)> ApplyOnDemoOrderAsync(this TestApp app, string buyerEmail,
        RefundKind kind)
    {
        var buyer = await app.UserAsync(buyerEmail);
        await using var db = app.NewDb();
        var order = await db.Orders.Include(o => o.Lines).Include(o => o.Refunds)
            .Where(o => o.BuyerId == buyer.Id && o.DeliveredAt != null && o.Status == OrderStatus.Shipped && !o.Refunds.Any())
            .OrderBy(o => o.Id).FirstAsync();
        var line = order.Lines[0];
        var id = await app.Refunds().ApplyAsync(buyer, order.Id,
            new RefundForm([new LineChoice(line.Id, 1)], true, kind, Money.ToDecimal(line.UnitPriceMinor, order.Currency), false, RefundReason.QualityProblem, "Cracked."),
            [Photo("crack.png")]);
        return (id, buyer.Id, order.SellerId);
    }

    /// <summary>A return-and-refund request the seller agreed to: "Waiting for Buyer's Return".</summary>
    public static async Task<int> AwaitingReturnAsync(this TestApp app, CurrentUser buyer, CurrentUser seller, Order order)
    {
        var id = await app.ApplyReturnAsync(buyer, order);
        await app.Refunds().AgreeAsync(seller, id, await app.VersionAsync(id), Warehouse);
        return id;
    }

    /// <summary>A return the buyer shipped: "Waiting for Seller to Confirm Receipt".</summary>
    public static async Task<int> ReturnInTransitAsync(this TestApp app, CurrentUser buyer, CurrentUser seller, Order order)
    {
        var id = await app.AwaitingReturnAsync(buyer, seller, order);
        await app.Refunds().SubmitReturnAsync(buyer, id, await app.VersionAsync(id), "SF Express", "SF1234567890", null);
        return id;
    }

    public static async Task<Guid> VersionAsync(this TestApp app, int requestId)
    {
        await using var db = app.NewDb();
        return await db.RefundRequests.Where(r => r.Id == requestId).Select(r => r.Version).SingleAsync();
    }

    /// <summary>The request as saved, with its lines, timeline, evidence and payment, read by a new context.</summary>
    public static async Task<RefundRequest> LoadAsync(this TestApp app, int requestId)
    {
        await using var db = app.NewDb();
        return await db.RefundRequests.AsNoTracking().AsSplitQuery()
            .Include(r => r.Lines).ThenInclude(l => l.OrderLine)
            .Include(r => r.Timeline)
            .Include(r => r.Evidence)
            .Include(r => r.Payout)
            .Include(r => r.Order).ThenInclude(o => o.Lines)
            .SingleAsync(r => r.Id == requestId);
    }

    public static async Task<List<TimelineEvent>> TimelineAsync(this TestApp app, int requestId)
    {
        await using var db = app.NewDb();
        return await db.TimelineEvents.AsNoTracking().Where(e => e.RefundRequestId == requestId).OrderBy(e => e.Id).ToListAsync();
    }

    public static async Task<int> PaymentCountAsync(this TestApp app, int requestId)
    {
        await using var db = app.NewDb();
        return await db.Payouts.CountAsync(p => p.RefundRequestId == requestId);
    }

    /// <summary>Everything a refused action must leave as it was, in one comparable value.</summary>
    public static async Task<Snapshot> SnapshotAsync(this TestApp app, int requestId)
    {
        await using var db = app.NewDb();
        var r = await db.RefundRequests.AsNoTracking().Include(x => x.Lines).Include(x => x.Order).ThenInclude(o => o.Lines)
            .AsSplitQuery().SingleAsync(x => x.Id == requestId);
        return new Snapshot(
            r.Status, r.Version, r.AmountMinor, r.Description, r.RefusalReason, r.ReturnAddress, r.ReturnShipment, r.DeadlineAt,
            string.Join(",", r.Lines.OrderBy(l => l.OrderLineId).Select(l => $"{l.OrderLineId}x{l.Quantity}")),
            await db.TimelineEvents.CountAsync(e => e.RefundRequestId == requestId),
            await db.Payouts.CountAsync(p => p.RefundRequestId == requestId),
            await db.EvidenceFiles.CountAsync(e => e.RefundRequestId == requestId),
            await db.RefundRequests.CountAsync(x => x.OrderId == r.OrderId),
            r.Order.Status, r.Order.Version, r.Order.RefundedTotalMinor,
            string.Join(",", r.Order.Lines.OrderBy(l => l.Id).Select(l => l.RefundedQuantity)),
            app.EvidenceFilesOnDisk().Length);
    }

    public sealed record Snapshot(
        RefundStatus Status, Guid Version, long AmountMinor, string? Description, string? RefusalReason, AddressSnapshot? ReturnAddress,
        ReturnShipment? ReturnShipment, DateTime? DeadlineAt, string Lines, int TimelineEvents, int Payments, int EvidenceRows,
        int RequestsOnOrder, OrderStatus OrderStatus, Guid OrderVersion, long OrderRefundedMinor, string OrderRefundedQuantities,
        int FilesOnDisk);
}
