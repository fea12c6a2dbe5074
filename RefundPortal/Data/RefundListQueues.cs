namespace RefundPortal.Data;

/// <summary>
/// The shadow columns holding <see cref="Domain.RefundRequest.QueueFor"/> for each party, which the list pages sort by
/// (then by deadline, newest change, newest id) through an index instead of sorting all of a party's requests.
/// </summary>
public static class RefundListQueues
{
    public const string Buyer = "BuyerQueue";
    public const string Seller = "SellerQueue";
}
