using System.Globalization;

namespace RefundPortal.Features.Languages;

/// <summary>
/// The language of one circuit (or one static request). A Blazor Server circuit takes its culture from the request
/// that opened it, and a culture set in an event handler is gone after it (CultureInfo.CurrentCulture lives in the
/// async flow of that one call), so the circuit keeps its language here and it is applied again where work starts:
/// every inbound call (<see cref="LanguageCircuitHandler"/>) and every render (<see cref="LocalizedComponent"/>).
/// </summary>
public sealed class PortalLanguage
{
    public CultureInfo Culture { get; private set; } = Languages.CultureOf(CultureInfo.CurrentUICulture.Name);

    public string Tag => Culture.Name;

    /// <summary>Raised after a switch, so the root re-renders every component in the new language.</summary>
    public event Action? Changed;

    /// <summary>Makes this language the current culture of the calling flow (formatting and resources).</summary>
    public void Apply()
    {
        if (CultureInfo.CurrentUICulture.Name != Culture.Name) CultureInfo.CurrentUICulture = Culture;
        if (CultureInfo.CurrentCulture.Name != Culture.Name) CultureInfo.CurrentCulture = Culture;
    }

    /// <summary>Sets the language without telling anyone: at the circuit's start.</summary>
    public void Use(string? tag)
    {
        Culture = Languages.CultureOf(tag);
        Apply();
    }

    /// <summary>Switches the language and re-renders; returns false when it was already this one.</summary>
    public bool Switch(string tag)
    {
        var culture = Languages.CultureOf(tag);
        if (culture.Name == Culture.Name) return false;
        Use(culture.Name);
        Changed?.Invoke();
        return true;
    }
}
