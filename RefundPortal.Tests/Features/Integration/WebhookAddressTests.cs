using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RefundPortal.Domain;
using RefundPortal.Features.Integration.Webhooks;
using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Features.Integration;

/// <summary>The portal's services as in Production (only public addresses for webhooks), with a real receiver on 127.0.0.1.</summary>
public class ProductionWebhookApp : TestApp
{
    public WebhookReceiver Receiver { get; private set; } = null!;

    protected override string EnvironmentName => "Production";

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Webhooks:RetryBaseDelay", "00:00:10"),
        new("Webhooks:MaxAttempts", "3"),
    ];

    public override async Task InitializeAsync()
    {
        Receiver = await WebhookReceiver.StartAsync();
        Receiver.Now = () => Clock.GetUtcNow();
        Receiver.FailFirstAttempt = false;
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Receiver.DisposeAsync();
    }

    /// <summary>
    /// An endpoint written straight into the database, past the admin page's check: as if its name resolved to a public
    /// address when it was saved and to the receiver's loopback address now.
    /// </summary>
    public async Task<int> EndpointBehindTheCheckAsync(string host)
    {
        await using var db = NewDb();
        var endpoint = new WebhookEndpoint
        {
            Url = $"http://{host}:{Receiver.Url.Port}/hooks", Secret = WebhookReceiver.Secret, Events = "refund.applied", CreatedAt = this.Now(),
        };
        db.WebhookEndpoints.Add(endpoint);
        await db.SaveChangesAsync();
        return endpoint.Id;
    }

    /// <summary>A new refund request, whose refund.applied goes to every enabled endpoint; its id.</summary>
    public async Task<int> NewRefundAsync()
    {
        var (buyer, seller) = await this.NewBuyerAndSellerAsync();
        return await this.ApplyRefundOnlyAsync(buyer, await this.PlaceOrderAsync(buyer, seller, OrderStage.NotShipped));
    }

    /// <summary>Passes of the real sender, each after the longest backoff so far.</summary>
    public async Task DeliverAsync(int passes = 4)
    {
        var sender = Get<WebhookSender>();
        for (var i = 0; i < passes; i++)
        {
            while (await sender.SendDueAsync(CancellationToken.None) > 0) { }
            Clock.Advance(TimeSpan.FromSeconds(41));
        }
    }

    public async Task<WebhookDelivery> DeliveryAsync(int endpointId, int refundId)
    {
        await using var db = NewDb();
        return await db.WebhookDeliveries.SingleAsync(d => d.EndpointId == endpointId && d.RefundRequestId == refundId);
    }
}

/// <summary>The same, with the operator allowing loopback in <c>Webhooks:AllowedNetworks</c> (one value, as an environment variable holds it).</summary>
public sealed class LoopbackAllowedWebhookApp : ProductionWebhookApp
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [.. base.Settings, new("Webhooks:AllowedNetworks", "127.0.0.0/8")];
}

/// <summary>An endpoint of the settings on a private IP address, in Production.</summary>
public sealed class PrivateSettingsEndpointApp : TestApp
{
    protected override string EnvironmentName => "Production";

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Webhooks:Endpoints:0:Url", "https://hooks.example.com/refunds"),
        new("Webhooks:Endpoints:0:Secret", WebhookReceiver.Secret),
        new("Webhooks:Endpoints:1:Url", "https://[::ffff:10.0.0.5]/refunds"),
        new("Webhooks:Endpoints:1:Secret", WebhookReceiver.Secret),
    ];
}

internal static class InCulture
{
    /// <summary>The refusal of <paramref name="action"/> when it runs in <paramref name="culture"/> (set in this async method only).</summary>
    public static async Task<RefundValidationException> RefusedAsync(string culture, Func<Task> action)
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        return await Assert.ThrowsAsync<RefundValidationException>(action);
    }
}

public sealed class WebhookAddressRefusalTests(ProductionWebhookApp app) : IClassFixture<ProductionWebhookApp>
{
    private const string NotPublic =
        "is in a private or reserved network: webhooks may reach only public internet addresses. Its network can be allowed in the setting Webhooks:AllowedNetworks.";

    private async Task<string> RefusedUrlAsync(string url, string culture = "en")
    {
        var admin = await app.UserAsync("admin@example.com");
        var endpoints = app.Get<WebhookEndpointService>();
        var before = (await endpoints.ListAsync(admin, 1)).TotalCount;
        var refused = await InCulture.RefusedAsync(culture, () => endpoints.AddAsync(admin, url, []));
        Assert.Equal(before, (await endpoints.ListAsync(admin, 1)).TotalCount);
        return refused.Errors[WebhookEndpointService.UrlField];
    }

    [Theory]
    [InlineData("https://127.0.0.2/hooks", "127.0.0.2")]
    [InlineData("https://[::ffff:127.0.0.1]/hooks", "::ffff:127.0.0.1")]
    [InlineData("https://0.0.0.0/hooks", "0.0.0.0")]
    [InlineData("https://[::]/hooks", "::")]
    [InlineData("https://169.254.169.254/latest/meta-data/", "169.254.169.254")]
    [InlineData("https://[fd00::1]/hooks", "fd00::1")]
    [InlineData("https://2130706433/hooks", "127.0.0.1")]
    [InlineData("https://0177.0.0.1/hooks", "127.0.0.1")]
    public async Task AnAddressInsideTheNetworkIsRefusedUnderTheUrlFieldAndNothingIsSaved(string url, string shown) =>
        Assert.Equal($"{shown} {NotPublic}", await RefusedUrlAsync(url));

    [Fact]
    public async Task AnHttpAddressInsideTheNetworkIsRefusedToo() =>
        Assert.Equal("Use https: events carry buyers' names and amounts.", await RefusedUrlAsync("http://127.0.0.2/hooks"));

    [Fact]
    public async Task AHostNameThatResolvesInsideTheNetworkIsRefusedNamingWhereItLeads()
    {
        var message = await RefusedUrlAsync("https://localhost/hooks");
        Assert.StartsWith("localhost leads to ", message);
        Assert.Contains("127.0.0.1", message);
        Assert.EndsWith(", in a private or reserved network: webhooks may reach only public internet addresses. "
                        + "Its network can be allowed in the setting Webhooks:AllowedNetworks.", message);
    }

    [Fact]
    public async Task AHostNameThatDoesNotResolveIsRefused() =>
        Assert.Equal("no-such-host.invalid cannot be found: check the host name.", await RefusedUrlAsync("https://no-such-host.invalid/hooks"));

    [Fact]
    public async Task TheRefusalIsInTheReadersLanguage()
    {
        Assert.Equal("127.0.0.2 属于内网或保留地址，Webhook 只能推送到公网地址。如需放行该网段，请在配置文件的 Webhooks:AllowedNetworks 中添加。",
            await RefusedUrlAsync("https://127.0.0.2/hooks", "zh-CN"));
        Assert.Equal("找不到主机 no-such-host.invalid，请检查主机名。", await RefusedUrlAsync("https://no-such-host.invalid/hooks", "zh-CN"));
    }

    [Fact]
    public async Task AGlobalAddressIsSaved()
    {
        var admin = await app.UserAsync("admin@example.com");
        var endpoints = app.Get<WebhookEndpointService>();
        var (endpoint, _) = await endpoints.AddAsync(admin, "https://93.184.215.14/hooks", []);
        // No event may go out to the internet from a test.
        await endpoints.DeleteAsync(admin, endpoint.Id);
        Assert.Equal("https://93.184.215.14/hooks", endpoint.Url);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    [InlineData("[::ffff:127.0.0.1]")]
    public async Task AnEndpointThatNowLeadsInsideTheNetworkGetsNothingAndItsDeliveryIsDeadLetteredWithTheReason(string host)
    {
        var endpointId = await app.EndpointBehindTheCheckAsync(host);
        var refundId = await app.NewRefundAsync();

        await app.DeliverAsync(); // Webhooks:MaxAttempts is 3

        Assert.Equal(0, app.Receiver.Requests);
        var delivery = await app.DeliveryAsync(endpointId, refundId);
        Assert.Equal((DeliveryStatus.DeadLetter, 3, null), (delivery.Status, delivery.Attempts, delivery.LastStatusCode));
        Assert.StartsWith($"{host} resolves only to addresses webhooks may not reach (", delivery.LastError);
        Assert.Contains("127.0.0.1", delivery.LastError);
        Assert.EndsWith("); a network can be allowed in Webhooks:AllowedNetworks.", delivery.LastError);
    }
}

public sealed class WebhookAllowedNetworksTests(LoopbackAllowedWebhookApp app) : IClassFixture<LoopbackAllowedWebhookApp>
{
    [Theory]
    [InlineData("https://127.0.0.2/hooks")]
    [InlineData("https://[::ffff:127.0.0.1]/hooks")]
    [InlineData("https://localhost/hooks")]
    public async Task AnAddressInAnAllowedNetworkIsSaved(string url)
    {
        var admin = await app.UserAsync("admin@example.com");
        var endpoints = app.Get<WebhookEndpointService>();
        var (endpoint, _) = await endpoints.AddAsync(admin, url, ["payout.paid"]);
        Assert.Equal(url, endpoint.Url);
        await endpoints.DeleteAsync(admin, endpoint.Id);
    }

    [Fact]
    public async Task OutsideTheAllowedNetworksItIsStillRefused()
    {
        var admin = await app.UserAsync("admin@example.com");
        var refused = await InCulture.RefusedAsync("en", () => app.Get<WebhookEndpointService>().AddAsync(admin, "https://169.254.169.254/", []));
        Assert.StartsWith("169.254.169.254 is in a private or reserved network", refused.Errors[WebhookEndpointService.UrlField]);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("[::ffff:127.0.0.1]")]
    public async Task AnEndpointOnAnAllowedNetworkIsDelivered(string host)
    {
        var endpointId = await app.EndpointBehindTheCheckAsync(host);
        var refundId = await app.NewRefundAsync();

        await app.DeliverAsync();

        Assert.Equal(["refund.applied"], app.Receiver.Accepted.Where(e => e.RefundId == refundId).Select(e => e.Type));
        Assert.Empty(app.Receiver.Refused);
        var delivery = await app.DeliveryAsync(endpointId, refundId);
        Assert.Equal((DeliveryStatus.Delivered, 1, 200, null), (delivery.Status, delivery.Attempts, delivery.LastStatusCode, delivery.LastError));
    }
}

public sealed class WebhookSettingsAddressTests
{
    [Fact]
    public async Task AnEndpointOfTheSettingsOnAPrivateAddressStopsTheStartNamingTheSettings()
    {
        var app = new PrivateSettingsEndpointApp();
        try
        {
            var stopped = await Assert.ThrowsAsync<InvalidOperationException>(app.InitializeAsync);
            Assert.Equal("Webhooks:Endpoints:1:Url: ::ffff:10.0.0.5 is in a private or reserved network: webhooks may reach only public internet "
                         + "addresses. Its network can be allowed in the setting Webhooks:AllowedNetworks.", stopped.Message);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }
}
