namespace RefundPortal.Features.Languages;

/// <summary>Marker for LanguageText.resx: the language switch's own words.</summary>
public sealed class LanguageText;
