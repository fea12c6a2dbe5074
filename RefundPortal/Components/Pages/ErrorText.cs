namespace RefundPortal.Components.Pages;

/// <summary>Marker for ErrorText.resx (and its translations): the error, not-found and not-available pages.</summary>
public sealed class ErrorText;
