using Microsoft.AspNetCore.Components;

namespace RefundPortal.Features.Languages;

/// <summary>
/// The base of the portal's components (_Imports.razor): each receives the circuit's <see cref="PortalLanguage"/> as a
/// cascading value, so a language switch re-renders it in place, its fields (what was typed, the page shown) kept; and
/// each render applies that language, also when the render was started by a timer or a live notification rather than
/// by the user.
/// </summary>
public abstract class LocalizedComponent : ComponentBase
{
    [CascadingParameter] protected PortalLanguage? Language { get; set; }

    protected override bool ShouldRender()
    {
        Language?.Apply();
        return true;
    }
}
