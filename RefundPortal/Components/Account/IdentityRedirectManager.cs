using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using RefundPortal.Data;

namespace RefundPortal.Components.Account;

internal sealed class IdentityRedirectManager(NavigationManager navigationManager, IStringLocalizer<AccountText> t)
{
    public const string StatusCookieName = "Identity.StatusMessage";

    private static readonly CookieBuilder StatusCookieBuilder = new()
    {
        SameSite = SameSiteMode.Strict,
        HttpOnly = true,
        IsEssential = true,
        MaxAge = TimeSpan.FromSeconds(5),
    };

    public void RedirectTo(string? uri) => navigationManager.NavigateTo(LocalOrHome(uri));

    /// <summary>
    /// A path of this app, relative (as the pages pass it) or absolute (as <c>RedirectToLogin</c> does); anything else
    /// (another site, another scheme, a malformed address) is the home page, so a forged return address neither
    /// redirects elsewhere nor fails after the person signed in.
    /// </summary>
    private string LocalOrHome(string? uri)
    {
        if (string.IsNullOrEmpty(uri)) return "";
        if (!IsLocalPath(uri) && Uri.TryCreate(uri, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            var baseUri = new Uri(navigationManager.BaseUri).AbsoluteUri;
            if (absolute.AbsoluteUri.StartsWith(baseUri, StringComparison.OrdinalIgnoreCase)) uri = absolute.AbsoluteUri[baseUri.Length..];
        }
        return IsLocalPath(uri) ? uri : "";
    }

    /// <summary>
    /// A relative address that stays on this host: not protocol-relative (<c>//host</c>), and no backslash, which
    /// browsers read as a slash (<c>/\host</c>).
    /// </summary>
    public static bool IsLocalPath(string uri) =>
        Uri.IsWellFormedUriString(uri, UriKind.Relative)
        && !uri.StartsWith("//", StringComparison.Ordinal)
        && !uri.Contains('\\');

    public void RedirectTo(string uri, Dictionary<string, object?> queryParameters)
    {
        var uriWithoutQuery = navigationManager.ToAbsoluteUri(uri).GetLeftPart(UriPartial.Path);
        var newUri = navigationManager.GetUriWithQueryParameters(uriWithoutQuery, queryParameters);
        RedirectTo(newUri);
    }

    public void RedirectToWithStatus(string uri, string message, HttpContext context)
    {
        context.Response.Cookies.Append(StatusCookieName, message, StatusCookieBuilder.Build(context));
        RedirectTo(uri);
    }

    private string CurrentPath => navigationManager.ToAbsoluteUri(navigationManager.Uri).GetLeftPart(UriPartial.Path);

    public void RedirectToCurrentPage() => RedirectTo(CurrentPath);

    public void RedirectToCurrentPageWithStatus(string message, HttpContext context)
        => RedirectToWithStatus(CurrentPath, message, context);

    public void RedirectToInvalidUser(UserManager<ApplicationUser> userManager, HttpContext context)
        => RedirectToWithStatus("Account/InvalidUser", t["UnableToLoadUser", userManager.GetUserId(context.User) ?? ""], context);
}
