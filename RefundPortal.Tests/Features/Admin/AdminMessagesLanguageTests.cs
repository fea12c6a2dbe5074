using System.Globalization;
using RefundPortal.Domain;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Admin;
using RefundPortal.Features.Integration.ApiClients;
using RefundPortal.Features.Integration.Webhooks;
using RefundPortal.Features.Statistics;
using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Features.Admin;

/// <summary>
/// What the admin services and the export's range check refuse, said in the reader's language (the current UI culture
/// of the call, as the page's circuit or the request sets it), on the real services and database.
/// </summary>
public sealed class AdminMessagesLanguageTests(TestApp app) : IClassFixture<TestApp>
{
    private Task<CurrentUser> AdminAsync() => app.UserAsync("admin@example.com");

    /// <summary>The refusal's message when <paramref name="action"/> runs in <paramref name="culture"/>.</summary>
    private static async Task<T> RefusedInAsync<T>(string culture, Func<Task> action) where T : Exception
    {
        // Set in this async method only: the caller's culture comes back when it returns.
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        return await Assert.ThrowsAsync<T>(action);
    }

    [Theory]
    [InlineData("zh-CN", "您不能取消自己的管理员角色，需由其他管理员操作。", "这里只能开通卖家、平台仲裁员、管理员。")]
    [InlineData("en", "You cannot take away your own Admin role: another admin must.", "Only Seller, Arbiter, Admin are granted here.")]
    public async Task UserAdminRefusesInTheReadersLanguage(string culture, string ownAdmin, string onlyGranted)
    {
        var admin = await AdminAsync();
        var users = app.Get<UserAdmin>();

        Assert.Equal(ownAdmin, (await RefusedInAsync<DomainException>(culture, () => users.SetRoleAsync(admin, admin.Id, Roles.Admin, false))).Message);
        Assert.Equal(onlyGranted, (await RefusedInAsync<DomainException>(culture, () => users.SetRoleAsync(admin, admin.Id, Roles.Buyer, true))).Message);
        Assert.Contains(Roles.Admin, (await users.ListAsync(admin, admin.Email, 1)).Items.Single().Roles);
    }

    [Theory]
    [InlineData("zh-CN", "请填写客户端名称，例如电商平台的系统名称。", "名称不能超过 100 个字符。")]
    [InlineData("en", "Name the client, for example the marketplace's system.", "Keep the name under 100 characters.")]
    public async Task AnApiClientsBadNameIsRefusedInTheReadersLanguage(string culture, string empty, string tooLong)
    {
        var admin = await AdminAsync();
        var clients = app.Get<ApiClientService>();
        var before = (await clients.ListAsync(admin, 1)).TotalCount;

        Assert.Equal(empty, (await RefusedInAsync<RefundValidationException>(culture, () => clients.CreateAsync(admin, "  "))).Errors["name"]);
        Assert.Equal(tooLong, (await RefusedInAsync<RefundValidationException>(culture, () => clients.CreateAsync(admin, new string('x', 101)))).Errors["name"]);
        Assert.Equal(before, (await clients.ListAsync(admin, 1)).TotalCount);
    }

    [Theory]
    [InlineData("zh-CN", "请填写完整的 https 地址，例如 https://marketplace.example.com/hooks/refunds。", "未知的事件类型：refund.lost。")]
    [InlineData("en", "Enter an absolute https address, like https://marketplace.example.com/hooks/refunds.", "Unknown event type: refund.lost.")]
    public async Task AWebhookEndpointsBadInputIsRefusedInTheReadersLanguage(string culture, string badUrl, string unknownType)
    {
        var admin = await AdminAsync();
        var endpoints = app.Get<WebhookEndpointService>();
        var before = (await endpoints.ListAsync(admin, 1)).TotalCount;

        var url = await RefusedInAsync<RefundValidationException>(culture, () => endpoints.AddAsync(admin, "ftp://hooks.example.com/refunds", []));
        Assert.Equal(badUrl, url.Errors[WebhookEndpointService.UrlField]);
        var events = await RefusedInAsync<RefundValidationException>(culture,
            () => endpoints.AddAsync(admin, "https://hooks.example.com/refunds", ["refund.lost"]));
        Assert.Equal(unknownType, events.Errors[WebhookEndpointService.EventsField]);
        Assert.Equal(before, (await endpoints.ListAsync(admin, 1)).TotalCount);
    }

    [Fact]
    public void TheSettingsCheckOfAnAddressStaysEnglishForTheOperator()
    {
        var (ui, formatting) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("zh-CN");
        try
        {
            Assert.Equal("请使用 https：事件中含有买家的姓名和金额。", WebhookEndpointService.CheckUrl("http://hooks.example.com/x", allowHttp: false));
            Assert.Equal("Use https: events carry buyers' names and amounts.",
                WebhookEndpointService.CheckUrl("http://hooks.example.com/x", allowHttp: false, CultureInfo.InvariantCulture));
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, formatting);
        }
    }

    [Theory]
    [InlineData("zh-CN", "2026-11-30", "2026-11-01", "开始日期不能晚于结束日期。")]
    [InlineData("zh-CN", "yesterday", "2026-11-01", "请按 YYYY-MM-DD 格式填写开始日期。")]
    [InlineData("zh-CN", "2026-11-01", null, "请按 YYYY-MM-DD 格式填写结束日期。")]
    [InlineData("zh-CN", "2024-01-01", "2026-11-01", "每次最多导出 366 天。")]
    [InlineData("en", "2024-01-01", "2026-11-01", "Export at most 366 days at a time.")]
    public void TheExportsRangeIsRefusedInTheReadersLanguage(string culture, string? from, string? to, string expected)
    {
        var (ui, formatting) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            Assert.Null(ExportRange.Parse(from, to, out var error));
            Assert.Equal(expected, error);
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, formatting);
        }
    }
}
