using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using RefundPortal.Features.Accounts;

namespace RefundPortal.Features.Languages;

/// <summary>
/// The language cookie's endpoint, for pages without a circuit (the account pages): a form post sets the cookie, stores the
/// choice for a signed-in person, and returns to the page. Interactive pages switch in place (LanguageSwitch).
/// </summary>
public static class LanguageEndpoints
{
    public const string Path = "/language";

    /// <summary>The cookie's value for a language tag (culture and UI culture alike).</summary>
    public static string CookieValue(string tag) => CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(tag));

    public static void WriteCookie(HttpResponse response, string tag) =>
        response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName, CookieValue(tag), new CookieOptions
        {
            Path = "/", MaxAge = TimeSpan.FromDays(365), SameSite = SameSiteMode.Lax, IsEssential = true,
            Secure = response.HttpContext.Request.IsHttps,
        });

    public static IEndpointRouteBuilder MapLanguage(this IEndpointRouteBuilder endpoints)
    {
        // A form post with the antiforgery token, so another site cannot switch someone's stored language.
        endpoints.MapPost(Path, async ([FromForm] string? culture, [FromForm] string? returnUrl, HttpContext http, LanguagePreference preference) =>
        {
            // Only a path on this site: never an open redirect.
            var back = returnUrl is { Length: > 0 } u && u.StartsWith('/') && !u.StartsWith("//") && !u.StartsWith("/\\") ? u : "/";
            if (Languages.Match(culture) is not { } tag) return Results.LocalRedirect(back);
            WriteCookie(http.Response, tag);
            if (CurrentUser.From(http.User) is { } user) await preference.SetAsync(user, tag, http.RequestAborted);
            return Results.LocalRedirect(back);
        });
        return endpoints;
    }

    /// <summary>Signing in writes the person's stored language into the cookie, so it follows them to a new device.</summary>
    public static void WriteStoredLanguageOnSignIn(CookieAuthenticationOptions options)
    {
        var earlier = options.Events.OnSignedIn;
        options.Events.OnSignedIn = async context =>
        {
            await earlier(context);
            var id = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
            if (id is null) return;
            var stored = await context.HttpContext.RequestServices.GetRequiredService<LanguagePreference>().GetAsync(id, context.HttpContext.RequestAborted);
            if (stored is not null) WriteCookie(context.Response, stored);
        };
    }
}
