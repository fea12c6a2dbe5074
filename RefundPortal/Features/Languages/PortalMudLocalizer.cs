using Microsoft.Extensions.Localization;
using MudBlazor;

namespace RefundPortal.Features.Languages;

/// <summary>
/// MudBlazor's own texts (pagination, dialogs' close buttons, "Clear" on inputs) from MudText.resx. MudBlazor asks this
/// only for a language other than English, and uses its built-in English when a key is missing here.
/// </summary>
internal sealed class PortalMudLocalizer(IStringLocalizer<MudText> text) : MudLocalizer
{
    public override LocalizedString this[string key] => text[key];

    public override LocalizedString this[string key, params object[] arguments] => text[key, arguments];
}

/// <summary>Marker for MudText.resx: MudBlazor's keys and their translations.</summary>
public sealed class MudText;
