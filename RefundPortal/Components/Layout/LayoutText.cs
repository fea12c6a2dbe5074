namespace RefundPortal.Components.Layout;

/// <summary>Marker for LayoutText.resx (and its translations): the app bar, the navigation menu and the skip link.</summary>
public sealed class LayoutText;
