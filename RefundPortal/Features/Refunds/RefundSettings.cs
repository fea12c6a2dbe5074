using RefundPortal.Domain;

namespace RefundPortal.Features.Refunds;

public static class RefundSettings
{
    /// <summary>
    /// Reads the `Refunds` section: `Refunds:Deadlines:*` and the two windows, each a TimeSpan ("5.00:00:00"), so a
    /// test can shrink them to seconds. Anything left out keeps the DESIGN.md default.
    /// </summary>
    public static RefundPolicy ReadPolicy(IConfiguration configuration)
    {
        var section = configuration.GetSection("Refunds");
        var deadlines = section.GetSection("Deadlines");
        var d = RefundPolicy.Default;
        return new RefundPolicy
        {
            SellerResponse = deadlines.GetValue(nameof(d.SellerResponse), d.SellerResponse),
            SellerResponseUnshipped = deadlines.GetValue(nameof(d.SellerResponseUnshipped), d.SellerResponseUnshipped),
            BuyerResponseAfterRefusal = deadlines.GetValue(nameof(d.BuyerResponseAfterRefusal), d.BuyerResponseAfterRefusal),
            BuyerReturn = deadlines.GetValue(nameof(d.BuyerReturn), d.BuyerReturn),
            SellerReceipt = deadlines.GetValue(nameof(d.SellerReceipt), d.SellerReceipt),
            ArbiterIntervention = deadlines.GetValue(nameof(d.ArbiterIntervention), d.ArbiterIntervention),
            Reminder = deadlines.GetValue(nameof(d.Reminder), d.Reminder),
            RefundWindowAfterCompletion = section.GetValue(nameof(d.RefundWindowAfterCompletion), d.RefundWindowAfterCompletion),
            NotReceivedClaimAfterShipping = section.GetValue(nameof(d.NotReceivedClaimAfterShipping), d.NotReceivedClaimAfterShipping),
        };
    }
}
