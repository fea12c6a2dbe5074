using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using RefundPortal.Components.Account;

using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Localization;

/// <summary>
/// The account pages' words that are not markup: Identity's own error messages through the portal's describer, and the
/// validation messages of the account forms through <see cref="AccountValidation"/>.
/// </summary>
public sealed class AccountTextTests(Support.TestApp app) : IClassFixture<Support.TestApp>
{
    private static LocalizedIdentityErrorDescriber Describer()
    {
        var services = new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider();
        return new LocalizedIdentityErrorDescriber(services.GetRequiredService<IStringLocalizer<IdentityErrorText>>());
    }

    private static T In<T>(string culture, Func<T> read) => ActorCulture.In(culture, read);

    /// <summary>Every error Identity can describe, called with the same arguments on both describers.</summary>
    public static TheoryData<string> DescriberMethods() =>
        [.. typeof(IdentityErrorDescriber).GetMethods().Where(m => m.ReturnType == typeof(IdentityError)).Select(m => m.Name)];

    private static IdentityError Call(IdentityErrorDescriber describer, string method)
    {
        var info = typeof(IdentityErrorDescriber).GetMethod(method)!;
        var arguments = info.GetParameters().Select(p => p.ParameterType == typeof(int) ? (object)8 : "name@example.com").ToArray();
        return (IdentityError)info.Invoke(describer, arguments)!;
    }

    [Theory]
    [MemberData(nameof(DescriberMethods))]
    public void TheDescriberKeepsIdentitysEnglishAndCodes(string method)
    {
        var (ours, identitys) = In("en", () => (Call(Describer(), method), Call(new IdentityErrorDescriber(), method)));

        Assert.Equal(identitys.Code, ours.Code);
        Assert.Equal(identitys.Description, ours.Description);
    }

    [Theory]
    [MemberData(nameof(DescriberMethods))]
    public void TheDescriberSpeaksChineseUnderZhCn(string method)
    {
        var error = In("zh-CN", () => Call(Describer(), method));

        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", error.Description);
        Assert.NotEqual(In("en", () => Call(new IdentityErrorDescriber(), method)).Description, error.Description);
        Assert.Equal(method, error.Code);
    }

    [Fact]
    public void ThePasswordRulesAndTheTakenNameReadAsThePortalWritesThem()
    {
        var describer = Describer();

        Assert.Equal("密码长度至少为 8 个字符", In("zh-CN", () => describer.PasswordTooShort(8).Description));
        Assert.Equal("密码必须包含至少一个数字（0-9）", In("zh-CN", () => describer.PasswordRequiresDigit().Description));
        Assert.Equal("用户名“buyer@example.com”已被使用", In("zh-CN", () => describer.DuplicateUserName("buyer@example.com").Description));
        Assert.Equal("Passwords must have at least one digit ('0'-'9').", In("en", () => describer.PasswordRequiresDigit().Description));
        Assert.Equal("Username 'buyer@example.com' is already taken.", In("en", () => describer.DuplicateUserName("buyer@example.com").Description));
    }

    [Fact]
    public async Task UserManagerUsesThePortalsDescriber()
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<RefundPortal.Data.ApplicationUser>>();
        var ui = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        IdentityResult result;
        try
        {
            result = await users.CreateAsync(
                new RefundPortal.Data.ApplicationUser { UserName = "weak@example.com", Email = "weak@example.com", DisplayName = "weak" }, "short");
        }
        finally
        {
            CultureInfo.CurrentUICulture = ui;
        }

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Code == nameof(IdentityErrorDescriber.PasswordTooShort) && e.Description == "密码长度至少为 8 个字符");
        Assert.Null(await users.FindByEmailAsync("weak@example.com"));
    }

    private sealed class RegisterModel
    {
        [Required(ErrorMessageResourceType = typeof(AccountValidation), ErrorMessageResourceName = nameof(AccountValidation.Required))]
        [Display(ResourceType = typeof(AccountValidation), Name = nameof(AccountValidation.Email))]
        public string Email { get; set; } = "";

        [StringLength(100, ErrorMessageResourceType = typeof(AccountValidation), ErrorMessageResourceName = nameof(AccountValidation.PasswordLength), MinimumLength = 8)]
        public string Password { get; set; } = "";

        [Compare(nameof(Password), ErrorMessageResourceType = typeof(AccountValidation), ErrorMessageResourceName = nameof(AccountValidation.PasswordsDiffer))]
        public string ConfirmPassword { get; set; } = "";
    }

    private static List<string?> Refusals(object model)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(model, new ValidationContext(model), results, validateAllProperties: true);
        return [.. results.Select(r => r.ErrorMessage)];
    }

    [Fact]
    public void TheFormsRefusalsFollowTheCulture()
    {
        var model = new RegisterModel { Password = "short", ConfirmPassword = "other" };

        Assert.Equal(["请填写邮箱。", "请使用 8 到 100 个字符。", "两次输入的密码不一致。"], In("zh-CN", () => Refusals(model)));
        Assert.Equal(["The Email field is required.", "Use 8 to 100 characters.", "The two passwords differ."], In("en", () => Refusals(model)));
    }
}
