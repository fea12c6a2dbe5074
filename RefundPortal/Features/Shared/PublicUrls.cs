using Microsoft.AspNetCore.WebUtilities;

namespace RefundPortal.Features.Shared;

/// <summary>
/// Every absolute link the portal puts in an email, built from its configured public address (<c>App:BaseUrl</c>) and
/// never from the request: the Host header is the client's to choose, so a link taken from it can point anywhere.
/// </summary>
public sealed class PublicUrls
{
    public const string DefaultBaseUrl = "http://localhost:5212/";

    public PublicUrls(string? baseUrl)
    {
        var text = string.IsNullOrWhiteSpace(baseUrl) ? DefaultBaseUrl : baseUrl.Trim();
        // A trailing slash makes the base a folder, so "Account/ConfirmEmail" lands under any path it has.
        if (!text.EndsWith('/')) text += "/";
        if (!Uri.TryCreate(text, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https")
            || parsed.Query.Length > 0 || parsed.Fragment.Length > 0 || parsed.UserInfo.Length > 0)
            throw new InvalidOperationException(
                $"App:BaseUrl must be the portal's public http or https address, like https://refunds.example.com/, not '{baseUrl}'.");
        BaseUrl = parsed;
    }

    public Uri BaseUrl { get; }

    /// <summary>
    /// The absolute address of a page of the portal (<paramref name="path"/> relative to the base, e.g.
    /// <c>Account/ResetPassword</c>), with these query parameters; null values are left out.
    /// </summary>
    public string To(string path, IEnumerable<KeyValuePair<string, string?>>? query = null)
    {
        var absolute = new Uri(BaseUrl, path.TrimStart('/'));
        if (!BaseUrl.IsBaseOf(absolute) || absolute.Authority != BaseUrl.Authority)
            throw new ArgumentException($"'{path}' is not a path of the portal.", nameof(path));
        var parameters = (query ?? []).Where(p => p.Value is not null);
        return QueryHelpers.AddQueryString(absolute.AbsoluteUri, parameters);
    }
}
