using System.Net;
using System.Text;
using RefundPortal.Domain;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Languages;
using RefundPortal.Features.Statistics;
using RefundPortal.Tests.Support;
using static RefundPortal.Tests.Support.OrderFactory;

namespace RefundPortal.Tests.Features.Statistics;

/// <summary>`GET /refund-statistics/refunds.csv` on the real app over HTTP, the world arranged through the services.</summary>
public sealed class RefundCsvEndpointTests(ServedTestApp app) : IClassFixture<ServedTestApp>
{
    /// <summary>The fixture's clock stands on 23 Nov 2026: every refund below was applied for that day.</summary>
    private const string November = $"{RefundCsvEndpoints.Path}?from=2026-11-01&to=2026-11-30";

    [Fact]
    public async Task TheSellerGetsTheirOwnRefundsWithFormulasDisarmed()
    {
        var seller = await app.NewUserAsync("seller", Roles.Seller);
        var buyer = await app.NewUserAsync("+buyer", Roles.Buyer);
        var number = $"=1+2-{Guid.NewGuid():N}"[..20];
        var open = await app.ApplyRefundOnlyAsync(buyer, await app.PlaceOrderAsync(buyer, seller, OrderStage.NotShipped, number));
        var paid = await app.ApplyRefundOnlyAsync(buyer, await app.PlaceOrderAsync(buyer, seller, OrderStage.NotShipped));
        await app.Refunds().AgreeAsync(seller, paid, await app.VersionAsync(paid), null);
        var theirs = await app.PlaceOrderAsync(buyer, await app.NewUserAsync("seller", Roles.Seller), OrderStage.NotShipped);
        await app.ApplyRefundOnlyAsync(buyer, theirs);
        using var http = await app.SignedInAsync(seller.Email);

        using var response = await http.GetAsync(November);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("refunds-2026-11-01-to-2026-11-30.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.Equal("Refund number,Order number,Buyer,Created (UTC),Status,Reason,Amount requested,Amount refunded,Currency,Closed (UTC)", lines[0]);
        var name = buyer.Email[..^"@example.com".Length];
        Assert.Equal($"{open},'{number},'+buyer {name},2026-11-23T09:00:00Z,Waiting for Seller's Confirmation,No longer needed,59.00,,USD,", lines[1]);
        Assert.Equal($"{paid},{(await app.LoadAsync(paid)).Order.Number},'+buyer {name},2026-11-23T09:00:00Z,Refund Successful,No longer needed,59.00,59.00,USD,2026-11-23T09:00:00Z",
            lines[2]);
        Assert.Equal("", Assert.Single(lines[3..]));
        Assert.DoesNotContain(theirs.Number, Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public async Task ABadRangeAnswers400SayingWhatIsWrong()
    {
        using var http = await app.SignedInAsync(SellerEmail);

        foreach (var (query, message) in new[]
                 {
                     ("from=2026-11-30&to=2026-11-01", "The first day must not be after the last day."),
                     ("from=yesterday&to=2026-11-01", "Enter the first day as YYYY-MM-DD."),
                     ("from=2026-11-01", "Enter the last day as YYYY-MM-DD."),
                     ("from=2024-01-01&to=2026-11-01", "Export at most 366 days at a time."),
                 })
        {
            using var response = await http.GetAsync($"{RefundCsvEndpoints.Path}?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(message, await response.Content.ReadAsStringAsync());
        }
    }

    /// <summary>
    /// The file is for people in a spreadsheet: a seller who chose Chinese gets the header and the status and reason names
    /// in Chinese, as on the page; the values stay machine-readable (ISO times in UTC, amounts with a dot, ISO codes).
    /// </summary>
    [Fact]
    public async Task ASellerWhoChoseChineseGetsAChineseHeaderAndNamesWithTheSameValues()
    {
        var seller = await app.NewUserAsync("seller", Roles.Seller);
        var buyer = await app.NewUserAsync("buyer", Roles.Buyer);
        var open = await app.ApplyRefundOnlyAsync(buyer, await app.PlaceOrderAsync(buyer, seller, OrderStage.NotShipped));
        Assert.True(await app.Get<LanguagePreference>().SetAsync(seller, Languages.Chinese));
        // Signing in writes the stored choice into the culture cookie, which every later request carries.
        using var http = await app.SignedInAsync(seller.Email);

        using var response = await http.GetAsync(November);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("refunds-2026-11-01-to-2026-11-30.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var lines = Encoding.UTF8.GetString((await response.Content.ReadAsByteArrayAsync())[3..]).Split("\r\n");
        Assert.Equal("退款编号,订单号,买家,申请时间（UTC）,退款状态,退款原因,申请退款金额,实际退款金额,币种,完结时间（UTC）", lines[0]);
        var number = (await app.LoadAsync(open)).Order.Number;
        var name = buyer.Email[..^"@example.com".Length];
        Assert.Equal($"{open},{number},buyer {name},2026-11-23T09:00:00Z,等待卖家确认,不想要了,59.00,,USD,", lines[1]);

        using var bad = await http.GetAsync($"{RefundCsvEndpoints.Path}?from=2026-11-30&to=2026-11-01");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("开始日期不能晚于结束日期。", await bad.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task NobodyButASignedInSellerGetsAFile()
    {
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.Server.BaseUrl };
        using var signedOut = await anonymous.GetAsync(November);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.StartsWith("/Account/Login", signedOut.Headers.Location!.AbsolutePath);

        using var buyer = await app.SignedInAsync(BuyerEmail);
        using var asBuyer = await buyer.GetAsync(November);
        Assert.Equal(HttpStatusCode.Redirect, asBuyer.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", asBuyer.Headers.Location!.AbsolutePath);
    }
}

/// <summary>One CSV cell: formulas disarmed, separators quoted.</summary>
public sealed class RefundCsvCellTests
{
    [Theory]
    [InlineData("RP-20261121-0042", "RP-20261121-0042")]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1", "'+1")]
    [InlineData("-1", "'-1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("\rcmd", "\"'\rcmd\"")]
    [InlineData("Chen, Nina", "\"Chen, Nina\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void DisarmsFormulasAndQuotesSeparators(string? value, string expected) => Assert.Equal(expected, RefundCsvExport.Cell(value));
}
