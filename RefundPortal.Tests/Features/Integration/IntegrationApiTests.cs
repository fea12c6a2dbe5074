using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RefundPortal.Data;
using RefundPortal.Domain;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Integration.ApiClients;
using RefundPortal.Features.Refunds;
using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Features.Integration;

/// <summary>
/// The real app as its own process on 127.0.0.1, sharing its SQLite file with a <see cref="TestApp"/> that arranges
/// refunds through the services, and a real webhook receiver the app delivers to. It can be restarted on the same data.
/// </summary>
public sealed class IntegrationApp : TestApp
{
    public WebhookReceiver Receiver { get; private set; } = null!;
    public AppServer Server { get; private set; } = null!;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings => WebhookSettings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value));

    private Dictionary<string, string> WebhookSettings => new()
    {
        ["Webhooks:Endpoints:0:Url"] = Receiver.Url.ToString(),
        ["Webhooks:Endpoints:0:Secret"] = WebhookReceiver.Secret,
        ["Webhooks:RetryBaseDelay"] = "00:00:01",
        ["Webhooks:PollInterval"] = "00:00:01",
    };

    public override async Task InitializeAsync()
    {
        Receiver = await WebhookReceiver.StartAsync();
        // The app process runs on the real clock: deadlines the services set must not have passed for it already.
        Clock.SetUtcNow(DateTimeOffset.UtcNow);
        await base.InitializeAsync();
        await StartServerAsync();
    }

    private async Task StartServerAsync() => Server = await AppServer.StartAsync(new Dictionary<string, string>(WebhookSettings)
    {
        ["ConnectionStrings:RefundPortal"] = $"Data Source={DatabasePath}",
        ["Evidence:Directory"] = EvidenceFolder,
    });

    /// <summary>Stops the app process and starts it again on the same database.</summary>
    public async Task RestartAsync()
    {
        await Server.DisposeAsync();
        await StartServerAsync();
    }

    public HttpClient Api(string? key = DemoWorld.ApiKey)
    {
        var http = new HttpClient { BaseAddress = Server.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        if (key is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }

    public override async Task DisposeAsync()
    {
        if (Server is not null) await Server.DisposeAsync();
        await base.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}

public sealed class IntegrationApiTests(IntegrationApp app) : IClassFixture<IntegrationApp>
{
    private static string NewNumber() => $"MP-{Guid.NewGuid():N}"[..16];

    private static JsonObject Order(string suffix, int quantity = 2, string currency = "USD", string? shippedAt = null) => new()
    {
        ["buyer"] = new JsonObject { ["externalId"] = $"b-{suffix}", ["email"] = $"b-{suffix}@example.com", ["name"] = $"Buyer {suffix}" },
        ["seller"] = new JsonObject { ["externalId"] = $"s-{suffix}", ["email"] = $"s-{suffix}@example.com", ["name"] = $"Seller {suffix}" },
        ["currency"] = currency,
        ["shippingFee"] = 500,
        ["placedAt"] = "2026-11-20T10:00:00Z",
        ["shippedAt"] = shippedAt,
        ["deliveredAt"] = null,
        ["completedAt"] = null,
        ["lines"] = new JsonArray(
            new JsonObject { ["sku"] = "LAMP-1", ["name"] = "Desk lamp", ["quantity"] = quantity, ["unitPrice"] = 1500 },
            new JsonObject { ["sku"] = "BULB-1", ["name"] = "Bulb", ["quantity"] = 1, ["unitPrice"] = 300 }),
    };

    /// <summary>Refund only of the desk lamps (15.00 each), goods not received.</summary>
    private static RefundForm Lamps(Order order, int quantity = 1) => OrderFactory.RefundOnly(order, quantity, 15.00m * quantity);

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)status, (await ReadAsync(response)).GetProperty("status").GetInt32());
    }

    /// <summary>Pushes an order through the API; returns its number and the refund service's view of its buyer and seller.</summary>
    private async Task<(string Number, Order Order, CurrentUser Buyer, CurrentUser Seller)> PushAsync(int quantity = 2)
    {
        var number = NewNumber();
        var suffix = number[3..];
        using var http = app.Api();
        using var response = await http.PutAsync($"api/v1/orders/{number}", Json(Order(suffix, quantity)));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await using var db = app.NewDb();
        var order = await db.Orders.Include(o => o.Lines).SingleAsync(o => o.Number == number);
        return (number, order, await app.UserAsync($"b-{suffix}@example.com"), await app.UserAsync($"s-{suffix}@example.com"));
    }

    [Fact]
    public async Task WithoutAValidKeyEveryCallIsUnauthorizedWithAProblemBody()
    {
        var admin = await app.UserAsync("admin@example.com");
        var (client, key) = await app.Get<ApiClientService>().CreateAsync(admin, "Marketplace test");
        using (var valid = app.Api(key))
            Assert.Equal(HttpStatusCode.OK, (await valid.GetAsync("api/v1/refunds")).StatusCode);
        await app.Get<ApiClientService>().RevokeAsync(admin, client.Id);

        foreach (var wrong in new[] { null, "rp_not_a_key", key })
        {
            using var http = app.Api(wrong);
            using var list = await http.GetAsync("api/v1/refunds");
            await AssertProblemAsync(list, HttpStatusCode.Unauthorized);
            Assert.Equal("Bearer", list.Headers.WwwAuthenticate.Single().Scheme);
            using var put = await http.PutAsync($"api/v1/orders/{NewNumber()}", Json(Order("x")));
            await AssertProblemAsync(put, HttpStatusCode.Unauthorized);
        }
        await using var db = app.NewDb();
        Assert.False(await db.Users.AnyAsync(u => u.ExternalId == "b-x"));
        // The key is kept only as a hash.
        Assert.False(await db.ApiClients.AnyAsync(c => c.KeyHash == key || c.KeyHint == key));
    }

    [Fact]
    public async Task AYenOrderKeepsItsAmountsInWholeYenAndAnUnknownCurrencyIsRefused()
    {
        using var http = app.Api();
        var number = NewNumber();
        using var created = await http.PutAsync($"api/v1/orders/{number}", Json(Order(number[3..], currency: "JPY")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var order = await ReadAsync(created);
        Assert.Equal(("JPY", 2 * 1500 + 300 + 500), (order.GetProperty("currency").GetString(), order.GetProperty("paidTotal").GetInt32()));
        await using (var db = app.NewDb())
            Assert.Equal("JPY 3,800", (await db.Orders.SingleAsync(o => o.Number == number)).PaidTotal.ToString());

        var unknown = NewNumber();
        using var refused = await http.PutAsync($"api/v1/orders/{unknown}", Json(Order(unknown[3..], currency: "ABC")));
        await AssertProblemAsync(refused, HttpStatusCode.BadRequest);
        Assert.Equal("\"ABC\" is not an ISO 4217 currency the portal knows.",
            (await ReadAsync(refused)).GetProperty("errors").GetProperty("currency")[0].GetString());
        await using var after = app.NewDb();
        Assert.False(await after.Orders.AnyAsync(o => o.Number == unknown));
    }

    [Fact]
    public async Task AnInvalidOrderIsRefusedFieldByFieldAndChangesNothing()
    {
        using var http = app.Api();
        var number = NewNumber();
        var order = Order("invalid");
        order["buyer"]!["email"] = "a(b@example.com";
        order["currency"] = "usd";
        order["lines"]![0]!["quantity"] = 0;
        order["lines"]![1]!["sku"] = "LAMP-1";
        order["shippedAt"] = "2026-11-19T10:00:00Z";
        using var response = await http.PutAsync($"api/v1/orders/{number}", Json(order));
        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = (await ReadAsync(response)).GetProperty("errors");
        Assert.Equal(["buyer.email", "currency", "lines[0].quantity", "lines[1].sku", "shippedAt"],
            errors.EnumerateObject().Select(e => e.Name).Order());

        using var broken = await http.PutAsync($"api/v1/orders/{number}", new StringContent("{\"lines\": [", Encoding.UTF8, "application/json"));
        await AssertProblemAsync(broken, HttpStatusCode.BadRequest);
        using var wrongType = await http.PutAsync($"api/v1/orders/{number}", new StringContent(Order("x").ToJsonString(), Encoding.UTF8, "text/plain"));
        await AssertProblemAsync(wrongType, HttpStatusCode.UnsupportedMediaType);
        using var badNumber = await http.PutAsync("api/v1/orders/no%20spaces!", Json(Order("x")));
        await AssertProblemAsync(badNumber, HttpStatusCode.BadRequest);
        // A path the API does not have answers like the API, not with the portal's HTML page.
        await AssertProblemAsync(await http.GetAsync("api/v1/nothing-here"), HttpStatusCode.NotFound);

        await using var db = app.NewDb();
        Assert.False(await db.Orders.AnyAsync(o => o.Number == number));
        Assert.False(await db.Users.AnyAsync(u => u.ExternalId == "b-invalid"));
    }

    [Fact]
    public async Task PuttingAnOrderTwiceCreatesItOnceWithItsPeopleAndTheSecondTimeChangesNothing()
    {
        using var http = app.Api();
        var number = NewNumber();
        var body = Order(number[3..]);
        using var created = await http.PutAsync($"api/v1/orders/{number}", Json(body));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/v1/orders/{number}", created.Headers.Location?.OriginalString);
        var first = await created.Content.ReadAsStringAsync();
        using var again = await http.PutAsync($"api/v1/orders/{number}", Json(body));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(first, await again.Content.ReadAsStringAsync());
        using var read = await http.GetAsync($"api/v1/orders/{number}");
        Assert.Equal(first, await read.Content.ReadAsStringAsync());

        var order = JsonDocument.Parse(first).RootElement;
        Assert.Equal(("awaiting_shipment", 2 * 1500 + 300 + 500), (order.GetProperty("status").GetString(), order.GetProperty("paidTotal").GetInt32()));
        Assert.Equal($"b-{number[3..]}", order.GetProperty("buyer").GetProperty("externalId").GetString());

        await using var db = app.NewDb();
        Assert.Equal(1, await db.Orders.CountAsync(o => o.Number == number));
        var buyerEmail = $"b-{number[3..]}@example.com";
        var buyer = await db.Users.SingleAsync(u => u.Email == buyerEmail);
        Assert.Null(buyer.PasswordHash);
        await using var scope = app.Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().IsInRoleAsync(buyer, Roles.Buyer));
        // One email to set a password, however often the order is pushed.
        var welcome = await db.OutboxEmails.Where(e => e.ToAddress == buyerEmail).ToListAsync();
        Assert.Equal("[RefundPortal] Your RefundPortal account", Assert.Single(welcome).Subject);
        Assert.Contains("/Account/ResetPassword?code=", welcome[0].TextBody);
    }

    [Fact]
    public async Task TheApiRefusesInEnglishWhateverLanguageTheClientAsksFor()
    {
        var (number, order, buyer, seller) = await PushAsync();
        var id = await app.Refunds().ApplyAsync(buyer, order.Id, Lamps(order, 2), []);
        await app.Refunds().AgreeAsync(seller, id, await app.VersionAsync(id), null);
        using var http = app.Api();
        http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        http.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Dzh-CN%7Cuic%3Dzh-CN");

        using var fewer = await http.PutAsync($"api/v1/orders/{number}", Json(Order(number[3..], quantity: 1)));

        await AssertProblemAsync(fewer, HttpStatusCode.Conflict);
        Assert.Equal("2 of \"LAMP-1\" were refunded or are in an open refund request: its quantity cannot be 1.",
            (await ReadAsync(fewer)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AChangeThatContradictsARefundIsAConflictAndLeavesTheOrderAsItWas()
    {
        var (number, order, buyer, seller) = await PushAsync();
        var id = await app.Refunds().ApplyAsync(buyer, order.Id, Lamps(order, 2), []);
        await app.Refunds().AgreeAsync(seller, id, await app.VersionAsync(id), null);
        using var http = app.Api();

        using var fewer = await http.PutAsync($"api/v1/orders/{number}", Json(Order(number[3..], quantity: 1)));
        await AssertProblemAsync(fewer, HttpStatusCode.Conflict);
        Assert.Equal("2 of \"LAMP-1\" were refunded or are in an open refund request: its quantity cannot be 1.",
            (await ReadAsync(fewer)).GetProperty("detail").GetString());
        using var currency = await http.PutAsync($"api/v1/orders/{number}", Json(Order(number[3..], currency: "EUR")));
        await AssertProblemAsync(currency, HttpStatusCode.Conflict);

        var now = await ReadAsync(await http.GetAsync($"api/v1/orders/{number}"));
        Assert.Equal(("USD", 2, 2), (now.GetProperty("currency").GetString(), now.GetProperty("lines")[0].GetProperty("quantity").GetInt32(),
            now.GetProperty("lines")[0].GetProperty("refundedQuantity").GetInt32()));
    }

    [Fact]
    public async Task ShippingEventsCountOnceAndAreCheckedAgainstTheOrder()
    {
        var (number, _, _, _) = await PushAsync();
        using var http = app.Api();
        async Task<HttpResponseMessage> Post(string type, string at, string? to = null) =>
            await http.PostAsync($"api/v1/orders/{to ?? number}/events", Json(new JsonObject { ["type"] = type, ["at"] = at }));

        await AssertProblemAsync(await Post("delivered", "2026-11-21T10:00:00Z"), HttpStatusCode.Conflict);
        using var shipped = await Post("shipped", "2026-11-21T10:00:00+08:00");
        Assert.Equal(HttpStatusCode.OK, shipped.StatusCode);
        var body = await ReadAsync(shipped);
        Assert.Equal(("shipped", "2026-11-21T02:00:00Z"), (body.GetProperty("status").GetString(), body.GetProperty("shippedAt").GetString()));
        using var repeat = await Post("shipped", "2026-11-22T10:00:00Z");
        Assert.Equal("2026-11-21T02:00:00Z", (await ReadAsync(repeat)).GetProperty("shippedAt").GetString());

        await AssertProblemAsync(await Post("lost", "2026-11-22T10:00:00Z"), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await Post("delivered", "2999-01-01T00:00:00Z"), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await Post("delivered", "2026-11-22T10:00:00Z", to: "MP-NO-SUCH"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task RefundsArePagedByKeysetInTheOrderTheirChangesCommitted()
    {
        var ids = new List<int>();
        CurrentUser firstBuyer = null!;
        for (var i = 0; i < 5; i++)
        {
            var (_, order, buyer, _) = await PushAsync();
            ids.Add(await app.Refunds().ApplyAsync(buyer, order.Id, Lamps(order), []));
            firstBuyer ??= buyer;
        }
        using var http = app.Api();
        var seen = new List<JsonElement>();
        string? cursor = null;
        var pages = 0;
        while (true)
        {
            var query = cursor is null ? "api/v1/refunds?limit=2&updatedAfter=2026-01-01T00:00:00Z" : $"api/v1/refunds?limit=2&cursor={cursor}";
            var page = await ReadAsync(await http.GetAsync(query));
            seen.AddRange(page.GetProperty("data").EnumerateArray());
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
            if (!page.GetProperty("hasMore").GetBoolean()) break;
        }
        var keys = seen.Select(r => r.GetProperty("id").GetInt32()).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.Equal(ids, keys.Where(ids.Contains));
        Assert.True(pages >= 3);

        // The cursor left at the end resumes there: nothing new, nothing repeated...
        var after = await ReadAsync(await http.GetAsync($"api/v1/refunds?cursor={cursor}"));
        Assert.Empty(after.GetProperty("data").EnumerateArray());
        Assert.Equal(cursor, after.GetProperty("nextCursor").GetString());
        // ...and a refund that changes again comes once more, after it.
        var first = ids[0];
        await app.Refunds().WithdrawAsync(firstBuyer, first, await app.VersionAsync(first));
        var changed = await ReadAsync(await http.GetAsync($"api/v1/refunds?cursor={cursor}"));
        Assert.Equal([first], changed.GetProperty("data").EnumerateArray().Select(r => r.GetProperty("id").GetInt32()));
        Assert.Equal("closed", changed.GetProperty("data")[0].GetProperty("status").GetString());
        await AssertProblemAsync(await http.GetAsync("api/v1/refunds?cursor=not-ours"), HttpStatusCode.BadRequest);

        var one = await ReadAsync(await http.GetAsync($"api/v1/refunds/{ids[1]}"));
        Assert.Equal(("awaiting_seller", "refund_only", 1500), (one.GetProperty("status").GetString(), one.GetProperty("kind").GetString(),
            one.GetProperty("amount").GetInt32()));
        Assert.Equal("LAMP-1", one.GetProperty("lines")[0].GetProperty("sku").GetString());
        Assert.Equal("refund.applied", one.GetProperty("timeline")[0].GetProperty("type").GetString());
        await AssertProblemAsync(await http.GetAsync("api/v1/refunds/999999"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task APayoutResultIsRecordedOnceAndCannotBeContradicted()
    {
        var (_, order, buyer, seller) = await PushAsync();
        var id = await app.Refunds().ApplyAsync(buyer, order.Id, Lamps(order), []);
        await app.Refunds().AgreeAsync(seller, id, await app.VersionAsync(id), null);
        var payoutId = (await app.LoadAsync(id)).Payout!.Id;
        using var http = app.Api();
        Task<HttpResponseMessage> Post(Guid payout, string status, string? reference) =>
            http.PostAsync($"api/v1/payouts/{payout}/result", Json(new JsonObject { ["status"] = status, ["reference"] = reference }));

        await AssertProblemAsync(await Post(Guid.NewGuid(), "paid", "TX"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await Post(payoutId, "paid", null), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await Post(payoutId, "sent", "TX"), HttpStatusCode.BadRequest);
        foreach (var _ in new[] { 1, 2 })
        {
            using var paid = await Post(payoutId, "paid", "TX-77");
            Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
            Assert.Equal(("paid", "TX-77"), ((await ReadAsync(paid)).GetProperty("status").GetString(), (await ReadAsync(paid)).GetProperty("reference").GetString()));
        }
        await AssertProblemAsync(await Post(payoutId, "failed", "ERR"), HttpStatusCode.Conflict);

        var refund = await ReadAsync(await http.GetAsync($"api/v1/refunds/{id}"));
        Assert.Equal("paid", refund.GetProperty("payout").GetProperty("status").GetString());
        Assert.Single(refund.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("type").GetString() == "payout.paid");
        await using var db = app.NewDb();
        Assert.Equal(1, await db.Payouts.CountAsync(p => p.RefundRequestId == id));
    }

    [Fact]
    public async Task EveryEventReachesTheReceiverExactlyOnceInOrderAcrossARestartOfTheApp()
    {
        var (_, order, buyer, seller) = await PushAsync();
        var id = await app.Refunds().ApplyAsync(buyer, order.Id, Lamps(order), []);
        await app.Refunds().AgreeAsync(seller, id, await app.VersionAsync(id), null);
        var payoutId = (await app.LoadAsync(id)).Payout!.Id;
        await app.Receiver.WaitForAsync(events => events.Count(e => e.RefundId == id) == 4);

        await app.RestartAsync();
        using (var http = app.Api())
            Assert.Equal(HttpStatusCode.OK, (await http.PostAsync($"api/v1/payouts/{payoutId}/result",
                Json(new JsonObject { ["status"] = "paid", ["reference"] = "TX-AFTER-RESTART" }))).StatusCode);
        var received = (await app.Receiver.WaitForAsync(events => events.Count(e => e.RefundId == id) == 5))
            .Where(e => e.RefundId == id).ToList();

        Assert.Equal(["refund.applied", "refund.agreed", "refund.refunded", "payout.requested", "payout.paid"], received.Select(e => e.Type));
        Assert.Empty(app.Receiver.Refused);
        Assert.Equal(0, app.Receiver.Duplicates);
        // The feed has the same events in the same order.
        using var api = app.Api();
        var feed = new List<JsonElement>();
        string? after = null;
        do
        {
            var page = await ReadAsync(await api.GetAsync($"api/v1/events?limit=100{(after is null ? "" : $"&after={after}")}"));
            feed.AddRange(page.GetProperty("data").EnumerateArray());
            after = page.GetProperty("hasMore").GetBoolean() ? page.GetProperty("nextCursor").GetString() : null;
        }
        while (after is not null);
        Assert.Equal(received.Select(e => e.EventId),
            feed.Where(e => e.GetProperty("data").GetProperty("refund").GetProperty("id").GetInt32() == id).Select(e => e.GetProperty("id").GetGuid()));
        // Every event of every refund so far went out exactly once, in each refund's order.
        await using var db = app.NewDb();
        var all = await db.IntegrationEvents.OrderBy(e => e.Id).Select(e => new { e.EventId, e.RefundRequestId }).ToListAsync();
        await app.Receiver.WaitForAsync(events => events.Count >= all.Count);
        foreach (var refund in all.GroupBy(e => e.RefundRequestId))
            Assert.Equal(refund.Select(e => e.EventId), app.Receiver.Accepted.Where(a => a.RefundId == refund.Key).Select(a => a.EventId));
    }
}
