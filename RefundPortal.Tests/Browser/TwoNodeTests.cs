using Microsoft.Playwright;
using Npgsql;
using RefundPortal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace RefundPortal.Tests.Browser;

/// <summary>Two app processes started at the same moment on one empty PostgreSQL database, with one Redis between them.</summary>
public sealed class TwoNodes : IAsyncLifetime
{
    private readonly string evidence = Path.Combine(Path.GetTempPath(), "refundportal-shared-evidence", Guid.NewGuid().ToString("N"));

    public RedisServer Redis { get; private set; } = null!;
    public string ConnectionString { get; private set; } = "";
    public AppServer A { get; private set; } = null!;
    public AppServer B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        ConnectionString = await (await PostgresServer.GetAsync()).NewDatabaseAsync();
        var settings = new Dictionary<string, string>
        {
            ["Database:Provider"] = "PostgreSql",
            ["ConnectionStrings:RefundPortal"] = ConnectionString,
            ["ConnectionStrings:Redis"] = Redis.ConnectionString,
            // The folder every node mounts (README, "Scaling out").
            ["Evidence:Directory"] = evidence,
        };
        var (a, b) = (AppServer.StartAsync(settings), AppServer.StartAsync(settings));
        (A, B) = (await a, await b);
    }

    public async Task DisposeAsync()
    {
        if (A is not null) await A.DisposeAsync();
        if (B is not null) await B.DisposeAsync();
        await Redis.DisposeAsync();
        try { Directory.Delete(evidence, recursive: true); } catch (IOException) { }
    }
}

[Collection(BrowserCollection.Name)]
public sealed class TwoNodeTests(BrowserFixture browser, TwoNodes nodes) : IClassFixture<TwoNodes>
{
    private async Task<long> CountAsync(string sql)
    {
        await using var db = new NpgsqlConnection(nodes.ConnectionString);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(sql, db);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task OneDemoWorldASignInThatEveryNodeAcceptsAndAChangeOnOneNodeShownLiveOnTheOther()
    {
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM \"AspNetUsers\" WHERE \"NormalizedEmail\" = 'BUYER@EXAMPLE.COM'"));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM \"ApiClients\""));
        var orders = await CountAsync("SELECT COUNT(*) FROM \"Orders\"");
        Assert.True(orders is > 40 and < 60, $"{orders} orders: the demo world was seeded more than once?");

        var buyerOnA = await browser.NewPageAsync(nodes.A);
        await BrowserFixture.LogInAsync(buyerOnA, "buyer@example.com");
        await Expect(buyerOnA.GetByTestId("signed-in-user")).ToBeVisibleAsync();
        // The same browser on node B: the cookie node A issued is read there (Data Protection keys in the shared database).
        var buyerOnB = await buyerOnA.Context.NewPageAsync();
        await buyerOnB.GotoAsync(new Uri(nodes.B.BaseUrl, "purchased-items").ToString());
        await Expect(buyerOnB.GetByTestId("signed-in-user")).ToHaveTextAsync("buyer@example.com");
        await buyerOnB.CloseAsync();

        await buyerOnA.GotoAsync("purchased-items");
        var card = buyerOnA.GetByTestId("order-card").Filter(new() { HasText = "Sunrise Outdoor Co." }).Filter(new() { HasText = "Awaiting Shipment" });
        await BrowserFixture.ApplyForRefundAsync(buyerOnA, card.First, "Refund only, no return", "No longer needed",
            "Ordered twice by mistake.", BrowserFixture.Png("order-screen.png"));
        var refundPath = new Uri(buyerOnA.Url).AbsolutePath.TrimStart('/');

        var sellerOnB = await browser.NewPageAsync(nodes.B);
        await BrowserFixture.LogInAsync(sellerOnB, "seller@example.com");
        await Expect(sellerOnB.GetByTestId("signed-in-user")).ToBeVisibleAsync();
        await sellerOnB.GotoAsync(refundPath);
        // The evidence node A stored opens on node B (the folder every node mounts).
        var thumb = sellerOnB.Locator("img.evidence-thumb");
        await Expect(thumb).ToHaveCountAsync(1);
        var evidence = await sellerOnB.Context.APIRequest.GetAsync(new Uri(nodes.B.BaseUrl, await thumb.GetAttributeAsync("src")).ToString());
        Assert.Equal(200, evidence.Status);
        Assert.Equal(SampleFiles.Png, await evidence.BodyAsync());
        await sellerOnB.GetByRole(AriaRole.Button, new() { Name = "Agree to Refund Agreement" }).ClickAsync();
        await sellerOnB.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Agree and Refund" }).ClickAsync();
        await Expect(sellerOnB.GetByTestId("refund-status")).ToHaveTextAsync("Refund Successful");

        // Node A never handled the agreement: its page hears of it through Redis, without a reload.
        await Expect(buyerOnA.GetByTestId("refund-status")).ToHaveTextAsync("Refund Successful");
        await Expect(buyerOnA.Locator(".mud-snackbar").Filter(new() { HasText = "Refund successful: USD" })).ToBeVisibleAsync();
    }
}
