using System.Globalization;
using System.Resources;

namespace RefundPortal.Domain;

/// <summary>
/// The domain's refusals and validation messages in the reader's language (DomainErrors.resx, DomainErrors.zh-CN.resx),
/// read for the current UI culture through .NET's ResourceManager, as <see cref="DomainText"/> reads the domain's words.
/// </summary>
public static class DomainErrors
{
    private static readonly ResourceManager Resources = new("RefundPortal.Domain.DomainErrors", typeof(DomainErrors).Assembly);

    /// <summary>The text of a key; the key itself when it is missing, so a gap shows rather than throws.</summary>
    public static string Get(string key) => Resources.GetString(key, CultureInfo.CurrentUICulture) ?? key;

    /// <summary>The text of a key with its placeholders filled, numbers written in the current culture.</summary>
    public static string Format(string key, params object?[] arguments) => string.Format(CultureInfo.CurrentCulture, Get(key), arguments);
}
