using System.Globalization;
using System.Resources;

namespace RefundPortal.Domain;

/// <summary>
/// The domain's words in the reader's language (DomainText.resx, DomainText.zh-CN.resx), read for the current UI
/// culture without ASP.NET: the domain has no localizer, only .NET's own resources.
/// </summary>
public static class DomainText
{
    private static readonly ResourceManager Resources = new("RefundPortal.Domain.DomainText", typeof(DomainText).Assembly);

    /// <summary>The text of a key; the key itself when it is missing, so a gap shows rather than throws.</summary>
    public static string Get(string key) => Resources.GetString(key, CultureInfo.CurrentUICulture) ?? key;

    /// <summary>The text of a key with its placeholders filled, numbers written in the current culture.</summary>
    public static string Format(string key, params object?[] arguments) => string.Format(CultureInfo.CurrentCulture, Get(key), arguments);
}
