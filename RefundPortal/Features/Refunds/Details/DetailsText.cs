namespace RefundPortal.Features.Refunds.Details;

/// <summary>Marker for DetailsText.resx (and its translations): the refund page, its panels, progress and timeline.</summary>
public sealed class DetailsText;
