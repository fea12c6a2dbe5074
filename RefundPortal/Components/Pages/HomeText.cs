namespace RefundPortal.Components.Pages;

/// <summary>Marker for HomeText.resx (and its translations): the home page.</summary>
public sealed class HomeText;
