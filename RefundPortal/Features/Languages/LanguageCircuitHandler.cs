using Microsoft.AspNetCore.Components.Server.Circuits;

namespace RefundPortal.Features.Languages;

/// <summary>
/// Puts the circuit's chosen language on every inbound call (events, JS interop, navigation) before the app's code runs,
/// so an event handler's messages and the render after it use the language switched to, not the one the circuit
/// started with.
/// </summary>
internal sealed class LanguageCircuitHandler(PortalLanguage language) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        context =>
        {
            language.Apply();
            return next(context);
        };
}
