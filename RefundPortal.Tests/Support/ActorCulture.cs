using System.Globalization;

namespace RefundPortal.Tests.Support;

/// <summary>
/// The culture a person's request runs in (what RequestLocalizationMiddleware sets from their cookie or browser), for
/// the code inside the using; the previous one comes back on dispose.
/// </summary>
public sealed class ActorCulture : IDisposable
{
    private readonly CultureInfo culture = CultureInfo.CurrentCulture, uiCulture = CultureInfo.CurrentUICulture;

    private ActorCulture(CultureInfo to)
    {
        CultureInfo.CurrentCulture = to;
        CultureInfo.CurrentUICulture = to;
    }

    public static ActorCulture Of(string name) => new(CultureInfo.GetCultureInfo(name));

    public void Dispose()
    {
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = uiCulture;
    }
}
