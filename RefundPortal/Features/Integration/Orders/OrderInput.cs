using System.Text.RegularExpressions;
using RefundPortal.Domain;
using RefundPortal.Features.Notifications.Email;

namespace RefundPortal.Features.Integration.Orders;

public sealed record PartyInput(string? ExternalId, string? Email, string? Name);

public sealed record OrderLineInput(string? Sku, string? Name, int? Quantity, long? UnitPrice);

/// <summary><c>PUT /api/v1/orders/{orderNumber}</c>: the order as the marketplace knows it.</summary>
public sealed record OrderInput(
    PartyInput? Buyer, PartyInput? Seller, string? Currency, long? ShippingFee,
    DateTime? PlacedAt, DateTime? ShippedAt, DateTime? DeliveredAt, DateTime? CompletedAt,
    List<OrderLineInput>? Lines);

/// <summary><c>POST /api/v1/orders/{orderNumber}/events</c>.</summary>
public sealed record OrderEventInput(string? Type, DateTime? At);

/// <summary>
/// The shape checks of the API's inputs, with one message per field (JSON paths such as <c>lines[0].quantity</c>), so
/// the caller can fix everything in one go. The domain checks the rest.
/// </summary>
public static partial class OrderInputRules
{
    public const int MaxLines = 500;
    public const int MaxQuantity = 1_000_000;
    /// <summary>The largest amount in minor units (ten billion in major units): far beyond any order, far below overflow.</summary>
    public const long MaxAmountMinor = 1_000_000_000_000;
    /// <summary>How far ahead of the portal's clock a reported time may be (clocks differ a little).</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$")]
    private static partial Regex OrderNumberPattern();

    public static string? CheckNumber(string number) =>
        OrderNumberPattern().IsMatch(number) ? null : "An order number is 1 to 32 letters, digits, '.', '_' or '-', starting with a letter or digit.";

    public static Dictionary<string, string[]> Check(OrderInput? input, DateTime now)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors[field] = [message];
        if (input is null)
        {
            Add("body", "Send the order as JSON.");
            return errors;
        }
        CheckParty(input.Buyer, "buyer", Add);
        CheckParty(input.Seller, "seller", Add);
        if (input.Buyer?.ExternalId is { } b && b == input.Seller?.ExternalId) Add("seller.externalId", "The seller cannot be the buyer.");
        if (CheckCurrency(input.Currency) is { } currencyError) Add("currency", currencyError);
        if (input.ShippingFee is null or < 0 or > MaxAmountMinor) Add("shippingFee", $"The shipping fee is a whole number of minor units from 0 to {MaxAmountMinor}.");
        CheckTimes(input, now, Add);
        if (input.Lines is not { Count: > 0 }) Add("lines", "An order needs at least one line.");
        else if (input.Lines.Count > MaxLines) Add("lines", $"An order has at most {MaxLines} lines.");
        else
        {
            for (var i = 0; i < input.Lines.Count; i++)
            {
                var line = input.Lines[i];
                var at = $"lines[{i}]";
                if (line is null) { Add(at, "Give the line's sku, name, quantity and unitPrice."); continue; }
                if (string.IsNullOrWhiteSpace(line.Sku) || line.Sku.Length > 64) Add($"{at}.sku", "A SKU is 1 to 64 characters.");
                else if (input.Lines.Take(i).Any(l => l?.Sku == line.Sku)) Add($"{at}.sku", $"\"{line.Sku}\" is on the order twice: one line per SKU.");
                if (string.IsNullOrWhiteSpace(line.Name) || line.Name.Length > 200) Add($"{at}.name", "A product name is 1 to 200 characters.");
                if (line.Quantity is null or < 1 or > MaxQuantity) Add($"{at}.quantity", $"The quantity is a whole number from 1 to {MaxQuantity}.");
                if (line.UnitPrice is null or < 1 or > MaxAmountMinor) Add($"{at}.unitPrice", $"The unit price is a whole number of minor units from 1 to {MaxAmountMinor}.");
            }
        }
        return errors;
    }

    /// <summary>
    /// An order's currency: an ISO 4217 code in capitals that <see cref="Currencies"/> knows, so its minor unit is known
    /// and no amount is read a hundred times too large or too small.
    /// </summary>
    public static string? CheckCurrency(string? code) =>
        !Currencies.IsWellFormed(code) ? "The currency is an ISO 4217 code of three capital letters, such as USD, EUR or JPY."
        : !Currencies.IsKnown(code) ? $"\"{code}\" is not an ISO 4217 currency the portal knows."
        : null;

    public static Dictionary<string, string[]> Check(OrderEventInput? input, DateTime now)
    {
        var errors = new Dictionary<string, string[]>();
        if (input is null) errors["body"] = ["Send the event as JSON."];
        else
        {
            if (ParseEventType(input.Type) is null) errors["type"] = ["The type is \"shipped\", \"delivered\" or \"completed\"."];
            if (input.At is null) errors["at"] = ["Give the time it happened, in ISO 8601."];
            else if (input.At > now + ClockSkew) errors["at"] = ["That time is in the future."];
        }
        return errors;
    }

    public static OrderEventType? ParseEventType(string? type) => type switch
    {
        "shipped" => OrderEventType.Shipped,
        "delivered" => OrderEventType.Delivered,
        "completed" => OrderEventType.Completed,
        _ => null,
    };

    private static void CheckParty(PartyInput? party, string name, Action<string, string> add)
    {
        if (party is null)
        {
            add(name, $"Give the {name}'s externalId, email and name.");
            return;
        }
        if (string.IsNullOrWhiteSpace(party.ExternalId) || party.ExternalId.Length > Data.ApplicationUser.MaxExternalIdLength)
            add($"{name}.externalId", $"The {name}'s external id is 1 to {Data.ApplicationUser.MaxExternalIdLength} characters.");
        if (string.IsNullOrWhiteSpace(party.Email) || party.Email.Length > 256 || !EmailAddresses.IsDeliverable(party.Email))
            add($"{name}.email", $"The {name}'s email is not an address mail can be sent to.");
        if (string.IsNullOrWhiteSpace(party.Name) || party.Name.Length > 100) add($"{name}.name", $"The {name}'s name is 1 to 100 characters.");
    }

    private static void CheckTimes(OrderInput input, DateTime now, Action<string, string> add)
    {
        if (input.PlacedAt is null) add("placedAt", "Give the time the order was placed, in ISO 8601.");
        foreach (var (field, time) in new[] { ("placedAt", input.PlacedAt), ("shippedAt", input.ShippedAt), ("deliveredAt", input.DeliveredAt), ("completedAt", input.CompletedAt) })
            if (time > now + ClockSkew) add(field, "That time is in the future.");
        if (input.ShippedAt < input.PlacedAt) add("shippedAt", "An order cannot ship before it was placed.");
        if (input.DeliveredAt is not null && input.ShippedAt is null) add("deliveredAt", "A delivered order has a shippedAt time too.");
        if (input.CompletedAt is not null && input.ShippedAt is null) add("completedAt", "A completed order has a shippedAt time too.");
        if (input.DeliveredAt < input.ShippedAt) add("deliveredAt", "An order cannot be delivered before it shipped.");
        if (input.CompletedAt < input.ShippedAt) add("completedAt", "An order cannot be completed before it shipped.");
    }
}
