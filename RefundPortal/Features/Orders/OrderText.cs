using System.Globalization;
using System.Resources;

namespace RefundPortal.Features.Orders;

/// <summary>Marker for OrderText.resx (and its translations): the order lists and their refund buttons.</summary>
public sealed class OrderText;

/// <summary>OrderText's words for the order services (a refusal they throw), for the current UI culture.</summary>
internal static class OrderWords
{
    private static readonly ResourceManager Resources = new(typeof(OrderText));

    public static string Get(string key) => Resources.GetString(key, CultureInfo.CurrentUICulture) ?? key;
}
