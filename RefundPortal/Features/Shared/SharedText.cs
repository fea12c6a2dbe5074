namespace RefundPortal.Features.Shared;

/// <summary>Marker for SharedText.resx (and its translations): pieces several features share (the dashboard's lists, the action runner's messages).</summary>
public sealed class SharedText;
