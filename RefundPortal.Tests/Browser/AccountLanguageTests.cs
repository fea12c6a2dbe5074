using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RefundPortal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace RefundPortal.Tests.Browser;

/// <summary>The account pages and the not-found page in Chinese: labels, the forms' refusals, Identity's own messages.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccountLanguageTests(BrowserFixture browser)
{
    private Task<IPage> NewPageAsync(string locale) => BrowserFixture.NewPageAsync(browser.Browser, browser.App, locale: locale);

    private static readonly Regex ErrorAlert = new(@"\bmud-alert-text-error\b");
    private static readonly Regex SuccessAlert = new(@"\bmud-alert-text-success\b");

    [Fact]
    public async Task AChineseBrowserRegistersInChineseWithChineseRefusals()
    {
        var page = await NewPageAsync("zh-CN");
        await page.GotoAsync("Account/Register");
        await Expect(page.Locator("h1")).ToHaveTextAsync("注册新账户");
        await Expect(page).ToHaveTitleAsync("注册新账户");
        await Expect(page.Locator("label[for='Input.Email']")).ToHaveTextAsync("邮箱");
        await Expect(page.Locator("label[for='Input.Password']")).ToHaveTextAsync("密码");
        await Expect(page.Locator("label[for='Input.ConfirmPassword']")).ToHaveTextAsync("确认密码");
        await Expect(page.Locator("[id='Input.Password-help']")).ToHaveTextAsync("至少 8 个字符，须包含大写字母、小写字母、数字和符号。");
        var register = page.GetByRole(AriaRole.Button, new() { Name = "注册", Exact = true });

        // The form's own refusals (DataAnnotations), under their fields.
        await register.ClickAsync();
        await Expect(page.Locator("[id='Input.Email-help']")).ToHaveTextAsync("请填写邮箱。");
        await Expect(page.Locator("[id='Input.Password-help']")).ToHaveTextAsync("请填写密码。");
        await Expect(page.Locator("#Input\\.Email")).ToHaveAttributeAsync("aria-invalid", "true");

        // Identity's refusals (its password rules), through the portal's describer; nothing is created.
        var email = $"zh-{Guid.NewGuid():N}@example.com";
        await AccountPages.FillRegistrationAsync(page, email, "abcdefgh");
        await register.ClickAsync();
        var status = page.GetByTestId("status-message");
        await Expect(status).ToContainTextAsync("密码必须包含至少一个数字（0-9）");
        await Expect(status).ToContainTextAsync("密码必须包含至少一个大写字母（A-Z）");
        await Expect(status).ToHaveClassAsync(ErrorAlert);
        Assert.DoesNotMatch("Passwords|Error|错误", await status.TextContentAsync());
        await Expect(page.GetByTestId("signed-in-user")).ToHaveCountAsync(0);

        await AccountPages.FillRegistrationAsync(page, email, "Right#Pass1");
        await register.ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("请查收邮件");
        await AccountPages.ConfirmAndLogInAsync(page, browser.App, email, logInButton: "登录");

        // Never having chosen, the new account keeps the language it signed up in: its mail will be Chinese.
        await using var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={browser.App.DatabasePath};Mode=ReadOnly;Pooling=False");
        await db.OpenAsync();
        await using var query = db.CreateCommand();
        query.CommandText = "SELECT Language FROM AspNetUsers WHERE NormalizedEmail = $email";
        query.Parameters.AddWithValue("$email", email.ToUpperInvariant());
        Assert.Equal("zh-CN", await query.ExecuteScalarAsync());
    }

    [Fact]
    public async Task TheAccountSettingsComeInChineseForSomeoneWhoChoseIt()
    {
        // A new account, so no demo account that other tests read in English is switched to Chinese.
        var page = await NewPageAsync("en-US");
        var email = $"zh-manage-{Guid.NewGuid():N}@example.com";
        await AccountPages.RegisterAsync(page, browser.App, email);
        await page.GotoAsync("Account/Manage");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Profile");
        await page.GetByTestId("language-switch").And(page.Locator("[data-language='zh-CN']")).ClickAsync();

        await Expect(page.Locator("h1")).ToHaveTextAsync("个人资料");
        await Expect(page.Locator("label[for='Input.DisplayName']")).ToHaveTextAsync("显示名称");
        var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "账户设置" });
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "时区" })).ToBeVisibleAsync();
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "两步验证" })).ToBeVisibleAsync();

        await menu.GetByRole(AriaRole.Link, new() { Name = "时区" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("时区");
        await Expect(page.Locator("label[for='Input.ZoneId']")).ToHaveTextAsync("时区");
        await Expect(page.Locator("#Input\\.ZoneId option[value='']")).ToHaveTextAsync(new Regex("^使用浏览器的时区（当前为 .+）$"));
        await page.Locator("#Input\\.ZoneId").SelectOptionAsync("Asia/Shanghai");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("status-message")).ToHaveTextAsync("您的时区已更新");
        await Expect(page.GetByTestId("status-message")).ToHaveClassAsync(SuccessAlert);

        // A wrong current password: Identity's refusal in Chinese, shown as an error.
        await page.GotoAsync("Account/Manage/ChangePassword");
        await Expect(page.Locator("h1")).ToHaveTextAsync("修改密码");
        await page.Locator("#Input\\.OldPassword").FillAsync("Wrong#Pass1");
        await page.Locator("#Input\\.NewPassword").FillAsync("Other#Pass2");
        await page.Locator("#Input\\.ConfirmPassword").FillAsync("Other#Pass2");
        await page.GetByRole(AriaRole.Button, new() { Name = "修改密码", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("status-message")).ToHaveTextAsync("密码错误");
        await Expect(page.GetByTestId("status-message")).ToHaveClassAsync(ErrorAlert);
    }

    [Fact]
    public async Task TheNotFoundPageSpeaksChinese()
    {
        var page = await NewPageAsync("zh-CN");
        var response = await page.GotoAsync("no-such-page");

        Assert.Equal(404, response!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "页面不存在" })).ToBeVisibleAsync();
        await Expect(page.GetByText("抱歉，您要查找的内容不存在，或您无权查看。")).ToBeVisibleAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
    }
}
