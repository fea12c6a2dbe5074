using RefundPortal.Features.Shared;

namespace RefundPortal.Tests.Features.Accounts;

public sealed class PublicUrlsTests
{
    [Theory]
    [InlineData("https://refunds.example.com", "https://refunds.example.com/Account/ResetPassword?code=a%2Bb")]
    [InlineData("https://example.com/portal", "https://example.com/portal/Account/ResetPassword?code=a%2Bb")]
    [InlineData("http://localhost:5212/", "http://localhost:5212/Account/ResetPassword?code=a%2Bb")]
    public void ALinkSitsUnderTheBaseUrlWithItsQueryEncoded(string baseUrl, string expected) =>
        Assert.Equal(expected, new PublicUrls(baseUrl).To("Account/ResetPassword", new Dictionary<string, string?> { ["code"] = "a+b", ["returnUrl"] = null }));

    [Fact]
    public void NoBaseUrlMeansTheDevelopmentAddress() =>
        Assert.Equal("http://localhost:5212/refunds/7", new PublicUrls(null).To("refunds/7"));

    [Theory]
    [InlineData("refunds.example.com")]
    [InlineData("ftp://refunds.example.com/")]
    [InlineData("https://refunds.example.com/?x=1")]
    [InlineData("https://user:secret@refunds.example.com/")]
    public void ABaseUrlThatIsNotAPublicWebAddressStopsTheStart(string baseUrl) =>
        Assert.Throws<InvalidOperationException>(() => new PublicUrls(baseUrl));

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("javascript:alert(1)")]
    [InlineData("../../elsewhere")]
    public void APathCannotLeaveThePortal(string path) =>
        Assert.Throws<ArgumentException>(() => new PublicUrls("https://example.com/portal/").To(path));
}
