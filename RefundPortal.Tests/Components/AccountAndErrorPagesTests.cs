using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using RefundPortal.Components.Account.Shared;
using RefundPortal.Components.Layout;
using RefundPortal.Components.Pages;
using RefundPortal.Features.Languages;
using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Components;

/// <summary>
/// The error pages, the reconnect dialog and the account pages' shared parts in the reader's language (the account pages
/// themselves are static server pages: the browser tests show them in Chinese).
/// </summary>
public sealed class AccountAndErrorPagesTests(TestApp app) : IClassFixture<TestApp>
{
    private async Task<BunitContext> ContextAsync(string language)
    {
        var context = MudTestContext.Create(app, await app.UserAsync("buyer@example.com"));
        context.Services.AddCascadingValue<HttpContext>(_ => new DefaultHttpContext());
        context.Services.GetRequiredService<PortalLanguage>().Use(language);
        return context;
    }

    private static IRenderedComponent<LanguageScope> Render<TComponent>(BunitContext context, Action<ComponentParameterCollectionBuilder<TComponent>>? parameters = null)
        where TComponent : IComponent =>
        context.Render<LanguageScope>(p => p.AddChildContent(parameters ?? (_ => { })));

    [Fact]
    public async Task TheNotFoundAndNotAvailablePagesSpeakChinese()
    {
        await using var context = await ContextAsync(Languages.Chinese);

        var notFound = Render<NotFound>(context);
        Assert.Equal("页面不存在", notFound.Find("h1").TextContent.Trim());
        Assert.Contains("抱歉，您要查找的内容不存在，或您无权查看。", notFound.Markup);
        Assert.Equal("返回首页", notFound.Find("a[href='/']").TextContent.Trim());

        var notAvailable = Render<NotAvailable>(context);
        Assert.Equal("您的账户无权访问此页面", notAvailable.Find("h1").TextContent.Trim());
        Assert.DoesNotMatch("[A-Za-z]", notAvailable.Find("[data-testid=not-available]").TextContent);
    }

    [Fact]
    public async Task TheErrorPageSpeaksTheReadersLanguage()
    {
        await using (var chinese = await ContextAsync(Languages.Chinese))
        {
            var page = Render<Error>(chinese);
            Assert.Equal("出错了", page.Find("h1").TextContent.Trim());
            Assert.Contains("您刚才的操作未能完成。请查看当前状态后重试。", page.Markup);
        }
        await using var english = await ContextAsync(Languages.English);
        var englishPage = Render<Error>(english);
        Assert.Equal("Something went wrong", englishPage.Find("h1").TextContent.Trim());
        Assert.Equal("Go to the home page", englishPage.Find("a[href='/']").TextContent.Trim());
    }

    [Fact]
    public async Task TheReconnectDialogShowsTheReadersLanguageAndCarriesTheOthersForASwitch()
    {
        await using var context = await ContextAsync(Languages.Chinese);

        var dialog = Render<ReconnectModal>(context);

        var rejoining = dialog.Find(".components-reconnect-first-attempt-visible span");
        Assert.Equal("正在重新连接服务器…", rejoining.TextContent);
        Assert.Equal("Rejoining the server...", rejoining.GetAttribute("data-text-en"));
        Assert.Equal("正在重新连接服务器…", rejoining.GetAttribute("data-text-zh-CN"));
        // The seconds Blazor counts down sit between the sentence's two halves, in either language.
        var retrying = dialog.Find(".components-reconnect-repeated-attempt-visible");
        Assert.Equal("重新连接失败…", retrying.Children[0].TextContent);
        Assert.Equal(" 秒后重试。", retrying.Children[2].TextContent);
        Assert.Equal("Rejoin failed... trying again in ", retrying.Children[0].GetAttribute("data-text-en"));
        Assert.Equal("components-seconds-to-next-attempt", retrying.Children[1].Id);
        Assert.Equal(" seconds.", retrying.Children[2].GetAttribute("data-text-en"));
        Assert.Equal("重试", dialog.Find("#components-reconnect-button").TextContent.Trim());
        Assert.Equal("Retry", dialog.Find("#components-reconnect-button").GetAttribute("data-text-en"));
    }

    [Theory]
    [InlineData("错误：密码错误。", "密码错误。", true)]
    [InlineData("Error: Incorrect password.", "Incorrect password.", true)]
    [InlineData("错误：无法加载 ID 为 1 的用户", "无法加载 ID 为 1 的用户", true)]
    [InlineData("您的密码已修改", "您的密码已修改", false)]
    [InlineData("Your password has been changed", "Your password has been changed", false)]
    public async Task AStatusMessageIsAnErrorWhenItStartsWithErrorInAnyLanguage(string message, string shown, bool isError)
    {
        await using var context = await ContextAsync(Languages.Chinese);

        var status = Render<StatusMessage>(context, p => p.Add(s => s.Message, message));

        var alert = status.Find("[data-testid=status-message]");
        Assert.Equal(shown, alert.TextContent.Trim());
        Assert.Equal(isError, alert.ClassList.Contains("mud-alert-text-error"));
        Assert.Equal(!isError, alert.ClassList.Contains("mud-alert-text-success"));
    }

    [Fact]
    public async Task TheRecoveryCodesAndTheirWarningSpeakChinese()
    {
        await using var context = await ContextAsync(Languages.Chinese);

        var codes = Render<ShowRecoveryCodes>(context, p => p
            .Add(c => c.RecoveryCodes, ["ab12c-3de4f", "gh56i-7jk8l"])
            .Add(c => c.StatusMessage, "您已生成新的恢复码。"));

        Assert.Equal("恢复码", codes.Find("h1").TextContent.Trim());
        Assert.Contains("请把这些恢复码保存在安全的地方。", codes.Markup);
        Assert.Equal(["ab12c-3de4f", "gh56i-7jk8l"], codes.FindAll(".recovery-code").Select(c => c.TextContent));
        Assert.Equal("您已生成新的恢复码。", codes.Find("[data-testid=status-message]").TextContent.Trim());
    }

    [Fact]
    public async Task ThePasskeyScriptsRefusalsComeInTheReadersLanguage()
    {
        await using var context = await ContextAsync(Languages.Chinese);

        var button = Render<PasskeySubmit>(context, p => p
            .Add(b => b.Operation, RefundPortal.Components.Account.PasskeyOperation.Create)
            .Add(b => b.Name, "Input")
            .AddChildContent("添加通行密钥"));

        var element = button.Find("passkey-submit");
        Assert.Equal("身份验证器未提供通行密钥。", element.GetAttribute("no-passkey-text"));
        Assert.Equal("此浏览器缺少部分通行密钥功能，请更新浏览器。", element.GetAttribute("unsupported-text"));
        Assert.Equal("服务器返回了状态码 {0}。", element.GetAttribute("server-error-text"));
    }
}
