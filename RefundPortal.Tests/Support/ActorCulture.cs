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

    /// <summary>What <paramref name="read"/> gives in the culture <paramref name="name"/>.</summary>
    public static T In<T>(string name, Func<T> read)
    {
        using var _ = Of(name);
        return read();
    }

    /// <summary>What <paramref name="call"/> gives in the culture <paramref name="name"/>, as a circuit sets it for each call.</summary>
    public static async Task<T> InAsync<T>(string name, Func<Task<T>> call)
    {
        using var _ = Of(name);
        return await call();
    }

    public void Dispose()
    {
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = uiCulture;
    }
}
