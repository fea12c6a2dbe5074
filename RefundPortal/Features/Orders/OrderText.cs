namespace RefundPortal.Features.Orders;

/// <summary>Marker for OrderText.resx (and its translations): the order lists and their refund buttons.</summary>
public sealed class OrderText;
