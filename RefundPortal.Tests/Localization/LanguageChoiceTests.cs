using Microsoft.AspNetCore.Http;
using RefundPortal.Features.Languages;

namespace RefundPortal.Tests.Localization;

/// <summary>How a browser's languages map onto the portal's: the Accept-Language provider and the tag matching.</summary>
public sealed class LanguageChoiceTests
{
    [Theory]
    [InlineData("zh-CN", "zh-CN")]
    [InlineData("zh-Hans", "zh-CN")]
    [InlineData("zh-Hans-CN", "zh-CN")]
    [InlineData("zh", "zh-CN")]
    [InlineData("zh-SG", "zh-CN")]
    [InlineData("en-US", "en")]
    [InlineData("en", "en")]
    [InlineData("zh-TW", null)]
    [InlineData("zh-Hant", null)]
    [InlineData("fr-FR", null)]
    [InlineData("", null)]
    [InlineData("zhx", null)]
    public void MatchesTagsOntoThePortalsLanguages(string tag, string? expected) => Assert.Equal(expected, Languages.Match(tag));

    [Theory]
    [InlineData("zh-CN,zh;q=0.9,en;q=0.8", "zh-CN")]
    [InlineData("zh-Hans", "zh-CN")]
    [InlineData("en-US,en;q=0.9,zh-CN;q=0.8", "en")]
    [InlineData("fr-FR,fr;q=0.9,zh;q=0.5", "zh-CN")]
    [InlineData("en;q=0.3,zh-SG;q=0.7", "zh-CN")]
    [InlineData("zh-TW,fr", null)]
    [InlineData("zh-CN;q=0", null)]
    [InlineData("", null)]
    public async Task TheBrowsersFirstLanguageThePortalOffersWins(string header, string? expected)
    {
        var http = new DefaultHttpContext();
        http.Request.Headers.AcceptLanguage = header;

        var result = await new AcceptLanguageProvider().DetermineProviderCultureResult(http);

        Assert.Equal(expected, result?.UICultures.Single().Value);
    }
}
