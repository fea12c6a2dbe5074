using Microsoft.AspNetCore.Localization;
using Microsoft.Net.Http.Headers;

namespace RefundPortal.Features.Languages;

/// <summary>
/// The browser's Accept-Language, read in its order of preference and mapped onto the portal's languages (zh, zh-Hans,
/// zh-SG → zh-CN). ASP.NET Core's own provider only falls back from a child culture to its parent, so "zh" or "zh-Hans"
/// would never reach "zh-CN"; the first language the portal offers wins, none gives English (the default).
/// </summary>
public sealed class AcceptLanguageProvider : RequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var header = httpContext.Request.GetTypedHeaders().AcceptLanguage;
        var match = header
            .Where(l => l.Quality is not <= 0)
            .OrderByDescending(l => l.Quality ?? 1) // stable: equal weights keep the browser's order
            .Select(l => Languages.Match(l.Value.Value))
            .FirstOrDefault(tag => tag is not null);
        return Task.FromResult(match is null ? null : new ProviderCultureResult(match));
    }
}
