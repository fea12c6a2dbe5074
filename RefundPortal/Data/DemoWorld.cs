using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RefundPortal.Domain;
using RefundPortal.Features.Accounts;

namespace RefundPortal.Data;

/// <summary>
/// The demo accounts and orders a new database starts with: every case of DESIGN.md section 3, for both buyers and
/// both sellers, with times relative to now so the cases stay true whenever the app is first started.
/// </summary>
public sealed class DemoWorld(
    UserManager<ApplicationUser> users,
    RoleManager<IdentityRole> roles,
    IDbContextFactory<AppDbContext> dbFactory,
    TimeProvider clock,
    IHostEnvironment environment,
    ILogger<DemoWorld> logger)
{
    /// <summary>The demo accounts' password in Development only; anywhere else each account gets a random one.</summary>
    public const string Password = "Demo#2026";

    /// <summary>The integration API client of the demo world, Development only: its key is public.</summary>
    public const string ApiClientName = "Demo marketplace";
    public const string ApiKey = "rp_demo_integration_key";

    public static readonly (string Email, string Name, string[] Roles)[] Accounts =
    [
        ("buyer@example.com", "Bella Buyer", [Roles.Buyer]),
        ("buyer2@example.com", "Bruno Buyer", [Roles.Buyer]),
        ("seller@example.com", "Sunrise Outdoor Co.", [Roles.Seller]),
        ("seller2@example.com", "Harbor Electronics Ltd.", [Roles.Seller]),
        ("arbiter@example.com", "Ada Arbiter", [Roles.Arbiter]),
        ("admin@example.com", "Avery Admin", [Roles.Admin]),
    ];

    private static readonly (string Name, string Sku, long Price)[] Catalog =
    [
        ("Trail Backpack 40L", "BP-40", 5900),
        ("Insulated Water Bottle", "WB-750", 1850),
        ("Camping Lantern", "LT-200", 2499),
        ("Trekking Poles (pair)", "TP-02", 4200),
        ("Wireless Earbuds", "EB-100", 3999),
        ("USB-C Charger 65W", "CH-65", 2900),
        ("Bluetooth Speaker", "SP-20", 4599),
        ("Phone Case", "PC-15", 1299),
    ];

    /// <summary>The Identity roles every portal needs, demo or not (registration gives new users the Buyer role).</summary>
    public static async Task EnsureRolesAsync(RoleManager<IdentityRole> roles)
    {
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));
    }

    /// <summary>
    /// Seeds a new database, one with no accounts. A seed interrupted before its world was saved (the process killed
    /// while creating the accounts) left only demo accounts and no orders: that one is finished at the next start.
    /// </summary>
    public async Task SeedIfNewAsync(CancellationToken ct)
    {
        var emails = await users.Users.Select(u => u.NormalizedEmail).ToListAsync(ct);
        var demo = Accounts.Select(a => users.NormalizeEmail(a.Email)).ToHashSet();
        if (emails.Count > 0)
        {
            await using var check = await dbFactory.CreateDbContextAsync(ct);
            if (!emails.All(e => e is not null && demo.Contains(e)) || await check.Orders.AnyAsync(ct)) return;
            logger.LogWarning("The demo world was left half-made by an earlier start; finishing it.");
        }
        await EnsureRolesAsync(roles);

        // A known password is for a developer's own machine; an operator who seeds elsewhere gets random ones, once, in the log.
        var publicPassword = environment.IsDevelopment();
        var passwords = new List<string>();
        var ids = new Dictionary<string, string>();
        foreach (var (email, name, accountRoles) in Accounts)
        {
            var password = publicPassword ? Password : RandomPassword();
            if (!publicPassword) passwords.Add($"{email} {password}");
            var user = await users.FindByEmailAsync(email);
            if (user is null)
            {
                user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name };
                Check(await users.CreateAsync(user, password));
            }
            else
            {
                // Created by the interrupted start, whose one-time password was never shown: a new one.
                Check(await users.RemovePasswordAsync(user));
                Check(await users.AddPasswordAsync(user, password));
            }
            var missing = accountRoles.Except(await users.GetRolesAsync(user)).ToList();
            if (missing.Count > 0) Check(await users.AddToRolesAsync(user, missing));
            ids[email] = user.Id;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.ReturnAddresses.AddRange(
            new ReturnAddress(ids["seller@example.com"], new AddressSnapshot("Returns Desk", "+86 571 8502 2088", "969 Wenyi West Road, Building 3",
                "Hangzhou", "Zhejiang", "311121", "China"), isDefault: true),
            new ReturnAddress(ids["seller@example.com"], new AddressSnapshot("Warehouse B", "+86 571 8502 2099", "18 Xixi Road, Gate 2",
                "Hangzhou", "Zhejiang", "310012", "China"), isDefault: false),
            new ReturnAddress(ids["seller2@example.com"], new AddressSnapshot("Harbor Returns", "+852 2345 6789", "88 Queen's Road Central, 12/F",
                "Hong Kong", "", "", "Hong Kong SAR"), isDefault: true),
            new ReturnAddress(ids["seller2@example.com"], new AddressSnapshot("Shenzhen Depot", "+86 755 8888 1234", "1 Keji Road, Nanshan",
                "Shenzhen", "Guangdong", "518057", "China"), isDefault: false));

        var now = clock.GetUtcNow().UtcDateTime;
        var sequence = 0;
        var pairs = new[]
        {
            (Buyer: "buyer@example.com", Seller: "seller@example.com"),
            (Buyer: "buyer2@example.com", Seller: "seller2@example.com"),
            (Buyer: "buyer@example.com", Seller: "seller2@example.com"),
            (Buyer: "buyer2@example.com", Seller: "seller@example.com"),
        };
        for (var p = 0; p < pairs.Length; p++)
        {
            var (buyer, seller) = (ids[pairs[p].Buyer], ids[pairs[p].Seller]);
            // The cross pairs get the first three cases only, to keep the lists readable.
            DemoCase[] cases = p < 2
                ? [DemoCase.NotShipped, DemoCase.Shipped3DaysAgo, DemoCase.Shipped12DaysAgo, DemoCase.Delivered, DemoCase.Completed5DaysAgo, DemoCase.Completed30DaysAgo]
                : [DemoCase.NotShipped, DemoCase.Shipped12DaysAgo, DemoCase.Delivered];
            foreach (var demoCase in cases)
                db.Orders.Add(MakeOrder(demoCase, buyer, seller, now, ++sequence, p));
        }
        // Older history so "Purchased Items" and "Sold Items" have more than one page.
        for (var i = 0; i < 24; i++)
            db.Orders.Add(MakeOrder(DemoCase.CompletedLongAgo, ids["buyer@example.com"], ids["seller@example.com"], now.AddDays(-40 - 3 * i), ++sequence, i));
        // Last, so the numbers above stay as they were: an order in yen, a currency without minor units ("JPY 4,800").
        db.Orders.Add(YenOrder(ids["buyer2@example.com"], ids["seller2@example.com"], now, ++sequence));

        await db.SaveChangesAsync(ct);
        logger.LogInformation("Seeded the demo world: {Accounts} accounts, {Orders} orders.", Accounts.Length, sequence);
        if (!publicPassword)
            logger.LogWarning("Demo:Seed is set outside Development: demo accounts were created with these one-time passwords: {Passwords}",
                string.Join("; ", passwords));
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    private static string RandomPassword() =>
        "Rp-" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(18)).Replace('/', '_').Replace('+', '-') + "9a";

    private enum DemoCase
    {
        NotShipped,
        Shipped3DaysAgo,
        Shipped12DaysAgo,
        Delivered,
        Completed5DaysAgo,
        Completed30DaysAgo,
        CompletedLongAgo,
    }

    private static Order MakeOrder(DemoCase demoCase, string buyerId, string sellerId, DateTime now, int sequence, int variant)
    {
        var (placedDaysAgo, shippedDaysAgo, deliveredDaysAgo, completedDaysAgo) = demoCase switch
        {
            DemoCase.NotShipped => (1, (int?)null, (int?)null, (int?)null),
            DemoCase.Shipped3DaysAgo => (5, 3, null, null),
            DemoCase.Shipped12DaysAgo => (14, 12, null, null),
            DemoCase.Delivered => (9, 7, 2, null),
            DemoCase.Completed5DaysAgo => (15, 12, 6, 5),
            DemoCase.Completed30DaysAgo => (40, 37, 31, 30),
            _ => (0, 0, 0, 0),
        };
        var placed = demoCase == DemoCase.CompletedLongAgo ? now : now.AddDays(-placedDaysAgo).AddHours(-variant);
        var lines = demoCase switch
        {
            // The multi-line case: several lines, quantities above 1.
            DemoCase.Delivered => new[] { Line(variant, 0, 2), Line(variant, 1, 3), Line(variant, 2, 1) },
            DemoCase.Completed5DaysAgo => [Line(variant, 3, 1), Line(variant, 4, 2)],
            _ => [Line(variant + (int)demoCase, 0, 1 + sequence % 2)],
        };
        var number = string.Create(CultureInfo.InvariantCulture, $"RP-{placed:yyyyMMdd}-{sequence:D4}");
        var order = Order.Place(number, buyerId, sellerId, "USD", shippingFeeMinor: 800, lines, placed);
        if (demoCase == DemoCase.CompletedLongAgo)
        {
            order.MarkShipped(placed.AddDays(1));
            order.MarkDelivered(placed.AddDays(5));
            order.ConfirmReceipt(buyerId, placed.AddDays(6));
            return order;
        }
        if (shippedDaysAgo is { } shipped) order.MarkShipped(now.AddDays(-shipped));
        if (deliveredDaysAgo is { } delivered) order.MarkDelivered(now.AddDays(-delivered));
        if (completedDaysAgo is { } completed) order.ConfirmReceipt(buyerId, now.AddDays(-completed));
        return order;
    }

    /// <summary>Delivered 16 days ago, not completed: the buyer can still ask for a refund, in yen.</summary>
    private static Order YenOrder(string buyerId, string sellerId, DateTime now, int sequence)
    {
        var placed = now.AddDays(-20);
        var number = string.Create(CultureInfo.InvariantCulture, $"RP-{placed:yyyyMMdd}-{sequence:D4}");
        var order = Order.Place(number, buyerId, sellerId, "JPY", shippingFeeMinor: 600,
            [("Cast Iron Tea Kettle", "KT-JP1", 4800, 1), ("Matcha Whisk Set", "MW-JP2", 1850, 2)], placed);
        order.MarkShipped(now.AddDays(-18));
        order.MarkDelivered(now.AddDays(-16));
        return order;
    }

    private static (string, string, long, int) Line(int variant, int offset, int quantity)
    {
        var item = Catalog[(variant * 3 + offset) % Catalog.Length];
        return (item.Name, item.Sku, item.Price, quantity);
    }
}
