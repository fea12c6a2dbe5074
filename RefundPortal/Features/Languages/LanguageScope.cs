using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace RefundPortal.Features.Languages;

/// <summary>
/// The circuit's language for everything under it, cascaded: a switch changes it and every
/// <see cref="LocalizedComponent"/> re-renders. Written in C# because it applies the language in
/// <see cref="BuildRenderTree"/>: that runs synchronously inside the renderer's loop, so the culture set there holds for
/// the children rendered after it in the same pass (a culture set inside an async lifecycle method would be undone when
/// that method returns, before the children render).
/// </summary>
public sealed class LanguageScope : ComponentBase, IDisposable
{
    [Inject] private PortalLanguage PortalLanguage { get; set; } = default!;

    [Parameter] public RenderFragment? ChildContent { get; set; }

    protected override void OnInitialized() => PortalLanguage.Changed += Rerender;

    private void Rerender() => StateHasChanged();

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        PortalLanguage.Apply();
        builder.OpenComponent<CascadingValue<PortalLanguage>>(0);
        builder.AddComponentParameter(1, nameof(CascadingValue<PortalLanguage>.Value), PortalLanguage);
        builder.AddComponentParameter(2, nameof(CascadingValue<PortalLanguage>.ChildContent), ChildContent);
        builder.CloseComponent();
    }

    public void Dispose() => PortalLanguage.Changed -= Rerender;
}
