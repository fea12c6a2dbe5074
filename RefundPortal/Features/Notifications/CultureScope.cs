using System.Globalization;
using RefundPortal.Features.Languages;

namespace RefundPortal.Features.Notifications;

/// <summary>
/// The recipient's language for the words written inside it: the actor's request culture (their cookie, their browser)
/// must never reach another person's mail. Synchronous use only: the previous culture comes back on dispose.
/// </summary>
public readonly struct CultureScope : IDisposable
{
    private readonly CultureInfo culture;
    private readonly CultureInfo uiCulture;

    private CultureScope(CultureInfo to)
    {
        culture = CultureInfo.CurrentCulture;
        uiCulture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentCulture = to;
        CultureInfo.CurrentUICulture = to;
    }

    /// <summary>A person's stored language; English, the portal's default, when they chose none.</summary>
    public static CultureScope Of(string? languageTag) => new(Languages.Languages.CultureOf(languageTag));

    public void Dispose()
    {
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = uiCulture;
    }
}
