namespace RefundPortal.Features.Deadlines;

/// <summary>Marker for DeadlineText.resx (and its translations): the countdown once its deadline has passed.</summary>
public sealed class DeadlineText;
