namespace RefundPortal.Components.Layout;

/// <summary>Marker for ReconnectText.resx (and its translations): the dialog shown while the circuit reconnects.</summary>
public sealed class ReconnectText;
