namespace RefundPortal.Features.Refunds.Details;

/// <summary>
/// The carriers "Submit Return Information" offers. The name stored with the return is the one here, in every language;
/// only the list shows each in the reader's words (<see cref="Key"/>: "China Post" reads 中国邮政).
/// </summary>
public static class ReturnCarriers
{
    public const string Other = "Other";

    public static IReadOnlyList<string> All { get; } = ["DHL", "FedEx", "UPS", "EMS", "SF Express", "China Post", "Cainiao", "YunExpress", Other];

    /// <summary>The carrier's entry in DetailsText: "Carrier_ChinaPost".</summary>
    public static string Key(string carrier) => "Carrier_" + carrier.Replace(" ", "", StringComparison.Ordinal);
}
