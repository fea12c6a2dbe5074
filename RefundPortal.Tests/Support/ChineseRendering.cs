using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using RefundPortal.Features.Languages;

namespace RefundPortal.Tests.Support;

/// <summary>Renders a component as a Chinese circuit does: the circuit's language set to zh-CN, the component under the root's <see cref="LanguageScope"/>.</summary>
internal static class ChineseRendering
{
    /// <summary>
    /// The component rendered in zh-CN. The test's own flow reads zh-CN afterwards too, so what a test computes to
    /// compare with (a date, an amount) is written in the same culture.
    /// </summary>
    public static IRenderedComponent<TComponent> RenderInChinese<TComponent>(this BunitContext context,
        Action<ComponentParameterCollectionBuilder<TComponent>>? parameters = null) where TComponent : IComponent
    {
        context.Services.GetRequiredService<PortalLanguage>().Use(Languages.Chinese);
        var scope = context.Render<LanguageScope>(p => p.AddChildContent(parameters ?? (_ => { })));
        return scope.FindComponent<TComponent>();
    }
}
