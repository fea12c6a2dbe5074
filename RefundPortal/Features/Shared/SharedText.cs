namespace RefundPortal.Features.Shared;

/// <summary>Marker for SharedText.resx (and its translations): pieces several features share (the dashboard's lists).</summary>
public sealed class SharedText;
