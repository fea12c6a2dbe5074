using System.Globalization;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using RefundPortal.Domain;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Languages;
using RefundPortal.Features.Refunds;
using RefundPortal.Features.Refunds.Pages;
using RefundPortal.Features.Returns;
using RefundPortal.Features.Returns.Pages;
using RefundPortal.Tests.Support;
using static RefundPortal.Tests.Support.OrderFactory;

namespace RefundPortal.Tests.Components;

/// <summary>The application wizard, the refund lists and the return address book in Chinese: labels from RefundText and
/// ReturnText, statuses from the domain's words, dates and amounts in the culture, refusals in Chinese.</summary>
public sealed class RefundPagesInChineseTests(TestApp app) : IClassFixture<TestApp>
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    private static BunitContext ChineseContext(TestApp app, CurrentUser user)
    {
        var context = MudTestContext.Create(app, user);
        context.Services.GetRequiredService<PortalLanguage>().Use(Languages.Chinese);
        return context;
    }

    /// <summary>"USD 1,234.50": the code and the currency's decimals, in the culture's digits.</summary>
    private static string Amount(Money money) =>
        $"{money.Currency} {money.Decimal.ToString("N" + Currencies.MinorDigits(money.Currency), Chinese)}";

    private async Task<string> NameAsync(CurrentUser user)
    {
        await using var db = app.NewDb();
        return db.Users.Where(u => u.Id == user.Id).Select(u => u.DisplayName).Single();
    }

    private static string Day(DateTime utc) => utc.ToString("yyyy年M月d日", Chinese);

    private static Task ClickAsync<T>(IRenderedComponent<T> page, string text) where T : IComponent =>
        page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Trim() == text).Click());

    [Fact]
    public async Task TheWizardAsksInChineseAndReviewsTheAmountInTheCulture()
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        var order = await app.PlaceOrderAsync(buyer, seller);
        await using var context = ChineseContext(app, buyer);
        var page = context.Render<LanguageScope>(p => p.AddChildContent<ApplyForRefund>(w => w.Add(x => x.OrderId, order.Id)));

        // Step 1: "Select the items".
        page.WaitForElement("[data-testid=step-items]");
        Assert.Equal("申请退款", page.Find("h1").TextContent.Trim());
        Assert.Contains("选择退款商品", page.Find("[data-testid=wizard-steps]").TextContent);
        Assert.Contains("填写退款协议", page.Find("[data-testid=wizard-steps]").TextContent);
        Assert.Equal("第 1 步（共 3 步）：选择退款商品", page.Find("[data-testid=wizard-step]").GetAttribute("aria-label"));
        Assert.Equal(["", "商品", "商品状态", "单价", "退款数量"], page.FindAll("[data-testid=step-items] th").Select(th => th.TextContent.Trim()));
        Assert.Equal($"选择 {order.Lines.OrderBy(l => l.Id).First().ProductName}",
            page.Find("[data-testid=refund-line] input[type=checkbox]").GetAttribute("aria-label"));
        Assert.NotNull(page.FindAll("[data-testid=step-items] button").Single(b => b.TextContent.Trim() == "下一步"));

        await page.InvokeAsync(() => page.Find("[data-testid=refund-line] input[type=checkbox]").Change(true));
        page.WaitForAssertion(() => Assert.Equal("草稿已保存", page.Find("[data-testid=draft-status]").TextContent.Trim()), TimeSpan.FromSeconds(10));
        Assert.Equal("删除草稿", page.Find("[data-testid=discard-draft]").TextContent.Trim());
        await ClickAsync(page, "下一步");

        // Step 2: "Fill in the refund agreement", with the seed's terms.
        page.WaitForElement("[data-testid=step-agreement]");
        var agreement = page.Find("[data-testid=step-agreement]");
        Assert.Equal("填写退款协议", agreement.QuerySelector("h6")!.TextContent.Trim());
        Assert.Contains("是否收到货", agreement.TextContent);
        Assert.Contains("退款方式", agreement.TextContent);
        Assert.Contains($"退款金额（{order.Currency}）", page.Find(".mud-input-control:has([data-testid=refund-amount])").TextContent);
        Assert.Contains("退款原因", page.Find(".mud-input-control:has([data-testid=refund-reason])").TextContent);
        Assert.Contains("退款说明", page.Find(".mud-input-control:has([data-testid=refund-description])").TextContent);
        Assert.Contains("退款原因为“其他”或已收到货时必填。", page.Find(".mud-input-control:has([data-testid=refund-description])").TextContent);
        Assert.Contains("上传凭证（必填）", agreement.TextContent);
        Assert.Contains("上传凭证（图片或文件）", agreement.QuerySelector(".evidence-picker label")!.TextContent);
        Assert.Contains("支持 JPEG、PNG、WebP 或 PDF 格式", agreement.TextContent);

        // A file over 5 MB is refused by the picker, in Chinese.
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(new byte[5 * 1024 * 1024 + 1], "big.png", contentType: "image/png"));
        page.WaitForAssertion(() => Assert.Equal("“big.png”超过 5 MB。", page.Find("[data-testid=error-Evidence]").TextContent.Trim()));

        await page.InvokeAsync(() => page.FindAll("label.mud-radio").Single(l => l.TextContent.Contains(RefundKind.ReturnAndRefund.Label()))
            .QuerySelector("input")!.Click());
        var select = page.FindComponent<MudBlazor.MudSelect<RefundReason?>>();
        await page.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(RefundReason.QualityProblem));
        page.Find("[data-testid=refund-description]").Input("拉链坏了。");
        page.Find("[data-testid=refund-description]").Blur();
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(SampleFiles.Png, "zip.png", contentType: "image/png"));
        page.WaitForAssertion(() => Assert.Contains("zip.png", page.Find("[data-testid=step-agreement]").TextContent));
        await ClickAsync(page, "下一步");

        // Step 3: "Review and submit", the amount as money in the culture.
        page.WaitForElement("[data-testid=step-review]", TimeSpan.FromSeconds(10));
        var review = page.Find("[data-testid=step-review]");
        Assert.Equal("确认并提交", review.QuerySelector("h6")!.TextContent.Trim());
        Assert.Equal(["退款商品", "是否收到货", "退款方式", "退款金额", "退款原因", "凭证"], review.QuerySelectorAll("dt").Select(dt => dt.TextContent.Trim()));
        // The whole first line is selected: the amount follows it until the buyer types their own.
        var line = order.Lines.OrderBy(l => l.Id).First();
        Assert.Equal(Amount(new Money(line.UnitPriceMinor * line.Quantity, order.Currency)), page.Find("[data-testid=review-amount]").TextContent.Trim());
        Assert.Contains("1 个文件", review.TextContent);
        Assert.Contains(RefundReason.QualityProblem.Label(), review.TextContent);
        Assert.DoesNotMatch("[A-Za-z]{2,}", RefundReason.QualityProblem.Label());
        Assert.Contains(review.QuerySelectorAll("button"), b => b.TextContent.Trim() == "提交申请");
        Assert.Contains(review.QuerySelectorAll("button"), b => b.TextContent.Trim() == "上一步");
    }

    [Fact]
    public async Task ASwitchMidWizardKeepsTheStepAndTheAnswersAndRenamesTheSteps()
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        var order = await app.PlaceOrderAsync(buyer, seller);
        await using var context = MudTestContext.Create(app, buyer);
        var language = context.Services.GetRequiredService<PortalLanguage>();
        language.Use(Languages.English);
        var page = context.Render<LanguageScope>(p => p.AddChildContent<ApplyForRefund>(w => w.Add(x => x.OrderId, order.Id)));
        page.WaitForElement("[data-testid=step-items]");
        await page.InvokeAsync(() => page.Find("[data-testid=refund-line] input[type=checkbox]").Change(true));
        page.WaitForElement("[data-testid=draft-status]", TimeSpan.FromSeconds(10));
        await ClickAsync(page, "Next");
        page.WaitForElement("[data-testid=step-agreement]");
        Assert.Equal("Step 2 of 3: Fill in the refund agreement", page.Find("[data-testid=wizard-step]").GetAttribute("aria-label"));
        var amount = page.Find("input[data-testid=refund-amount]").GetAttribute("value");

        await page.InvokeAsync(() => language.Switch(Languages.Chinese));

        page.WaitForAssertion(() => Assert.Equal("申请退款", page.Find("h1").TextContent.Trim()));
        Assert.Equal("第 2 步（共 3 步）：填写退款协议", page.Find("[data-testid=wizard-step]").GetAttribute("aria-label"));
        Assert.Contains("确认并提交", page.Find("[data-testid=wizard-steps]").TextContent);
        Assert.Equal("草稿已保存", page.Find("[data-testid=draft-status]").TextContent.Trim());
        Assert.Equal(amount, page.Find("input[data-testid=refund-amount]").GetAttribute("value"));
    }

    [Fact]
    public async Task RefundManagementInChineseShowsStatusesFromTheDomainAndDaysInTheCulture()
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.NotShipped);
        var id = await app.ApplyRefundOnlyAsync(buyer, order);
        var request = await app.LoadAsync(id);
        await using var context = ChineseContext(app, seller);

        var page = context.Render<LanguageScope>(p => p.AddChildContent<RefundManagement>());

        page.WaitForElement("[data-testid=refund-row]", TimeSpan.FromSeconds(5));
        Assert.Equal("退款管理", page.Find("h1").TextContent.Trim());
        var chips = page.FindAll("[data-testid=refund-filters] .mud-chip").Select(c => c.TextContent.Trim()).ToList();
        Assert.Contains("待我处理（1）", chips);
        Assert.Contains("全部（1）", chips);
        Assert.Contains("等待卖家确认（1）", chips);
        Assert.Contains("搜索", page.Find(".mud-input-control:has([data-testid=refund-search])").TextContent);
        Assert.Equal("订单号或买家邮箱", page.Find("input[data-testid=refund-search]").GetAttribute("placeholder"));

        var row = page.Find("[data-testid=refund-row]");
        Assert.Equal($"退款 #{id}", row.QuerySelector("[data-testid=refund-link]")!.TextContent.Trim());
        Assert.Equal("等待卖家确认", row.QuerySelector("[data-testid=refund-status]")!.TextContent.Trim());
        Assert.Contains("待我处理", row.TextContent);
        Assert.Contains($"订单 {order.Number}", row.TextContent);
        Assert.Contains(Amount(new Money(request.AmountMinor, request.Currency)), row.TextContent);
        Assert.Contains($"买家：{await NameAsync(buyer)}（{buyer.Email}）", row.TextContent);
        Assert.Contains($"申请于 {Day(request.CreatedAt)}", row.TextContent);
        Assert.Contains($"截止 {Day(request.DeadlineAt!.Value)}", row.TextContent);
    }

    [Fact]
    public async Task MyRefundsInChineseNamesTheSellerAndSaysWhenNothingMatches()
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.NotShipped);
        var id = await app.ApplyRefundOnlyAsync(buyer, order);
        await using var context = ChineseContext(app, buyer);

        var page = context.Render<LanguageScope>(p => p.AddChildContent<MyRefunds>());

        page.WaitForElement("[data-testid=refund-row]", TimeSpan.FromSeconds(5));
        Assert.Equal("我的退款", page.Find("h1").TextContent.Trim());
        Assert.Equal($"退款 #{id}", page.Find("[data-testid=refund-link]").TextContent.Trim());
        Assert.Contains($"卖家：{await NameAsync(seller)}", page.Find("[data-testid=refund-row]").TextContent);
        Assert.Equal("订单号或卖家", page.Find("input[data-testid=refund-search]").GetAttribute("placeholder"));

        var search = page.Find("input[data-testid=refund-search]");
        search.Input("没有这个订单");
        search.Blur();

        page.WaitForAssertion(() => Assert.Equal("这里暂无退款申请。", page.Find("[data-testid=no-refunds]").TextContent.Trim()));
    }

    [Fact]
    public async Task ReturnAddressesInChineseLabelTheFormAndRefuseAFullBookInChinese()
    {
        var seller = await app.NewUserAsync("seller", Roles.Seller);
        var book = app.Get<ReturnAddressService>();
        for (var i = 0; i < ReturnAddressService.MaxAddresses; i++) await book.AddAsync(seller, Warehouse with { Street = $"{i + 1} Dock Road" }, makeDefault: false);
        await using var context = ChineseContext(app, seller);
        var page = context.Render<LanguageScope>(p => p.AddChildContent<ReturnAddresses>());
        page.WaitForAssertion(() => Assert.Equal(ReturnAddressService.MaxAddresses, page.FindAll("[data-testid=address-row]").Count));

        Assert.Equal("退货地址", page.Find("h1").TextContent.Trim());
        Assert.Contains("买家退货时寄往的地址。", page.Markup);
        Assert.Contains("默认", page.FindAll("[data-testid=address-row]")[0].TextContent);
        Assert.Contains(page.FindAll("button"), b => b.TextContent.Trim() == "设为默认");
        Assert.Contains(page.FindAll("button"), b => b.TextContent.Trim() == "编辑");

        await ClickAsync(page, "添加地址");
        var step = page.Find("[data-testid=return-address-step]");
        Assert.Equal("新增地址", step.QuerySelector("h6")!.TextContent.Trim());
        var labels = step.QuerySelectorAll("label").Select(l => l.TextContent.Trim()).ToList();
        Assert.Equal(["联系人", "联系电话", "详细地址", "城市", "省份/地区", "邮政编码", "国家/地区"], labels);
        string[] typed = ["王经理", "+86 20 1234 5678", "21 Dock Road", "广州", "", "", "中国"];
        for (var i = 0; i < typed.Length; i++)
        {
            var field = i;
            await page.InvokeAsync(() => page.Find("[data-testid=return-address-step]").QuerySelectorAll("input")[field].Change(typed[field]));
        }

        await page.InvokeAsync(() => page.Find("[data-testid=return-address-step]").QuerySelectorAll("button").Single(b => b.TextContent.Trim() == "添加地址").Click());

        page.WaitForAssertion(() => Assert.Equal($"最多只能保存 {ReturnAddressService.MaxAddresses} 个退货地址。",
            page.Find("[data-testid=action-message]").TextContent.Trim()));
        Assert.Equal(ReturnAddressService.MaxAddresses, (await book.ListAsync(seller)).Count);
    }

    [Fact]
    public async Task TheSavedAddressesOfTheStepSayWhichIsTheDefaultInChinese()
    {
        var seller = await app.NewUserAsync("seller", Roles.Seller);
        var book = app.Get<ReturnAddressService>();
        await book.AddAsync(seller, Warehouse, makeDefault: true);
        await book.AddAsync(seller, OtherWarehouse, makeDefault: false);
        var addresses = await book.ListAsync(seller);
        await using var context = ChineseContext(app, seller);

        var step = context.Render<LanguageScope>(p => p.AddChildContent<ReturnAddressStep>(s => s.Add(x => x.Addresses, addresses)));

        Assert.Equal("确认退货地址", step.Find("h6").TextContent.Trim());
        var saved = step.FindAll("label.mud-radio:has(input[data-testid=saved-address])").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal([$"{Warehouse}（默认）", OtherWarehouse.ToString()], saved);
        Assert.Contains(step.FindAll("button"), b => b.TextContent.Trim() == "提交并通知买家");
    }
}
