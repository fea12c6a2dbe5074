namespace RefundPortal.Features.Disputes;

/// <summary>Marker for DisputeText.resx (and its translations): the Dispute Center, the plans panel and the disputes' messages.</summary>
public sealed class DisputeText;
