using RefundPortal.Domain;
using RefundPortal.Features.Orders;
using RefundPortal.Features.Refunds.Evidence;

namespace RefundPortal.Features.Refunds.Apply;

/// <summary>
/// The answers of "Apply for Refund" (or "Modify Application") while the buyer moves between its steps: the page owns
/// one and hands it to each step. What the selection is worth is computed here and nowhere else.
/// </summary>
public sealed class RefundDraft
{
    private readonly Dictionary<int, int> quantities = [];
    private bool amountEdited;

    private RefundDraft(OrderRow order, int? requestId)
    {
        Order = order;
        RequestId = requestId;
    }

    public OrderRow Order { get; }

    /// <summary>The request being modified; null for a new application.</summary>
    public int? RequestId { get; }

    /// <summary>Quantity by order line id, for the selected lines only.</summary>
    public IReadOnlyDictionary<int, int> Quantities => quantities;
    public bool? GoodsReceived { get; private set; }
    public RefundKind? Kind { get; set; }
    public decimal? Amount { get; set; }
    public bool IncludeShipping { get; private set; }
    public RefundReason? Reason { get; set; }
    public string? Description { get; set; }
    public Uploads Files { get; } = new();

    /// <summary>Files already attached to the request being modified; they stay with it.</summary>
    public int ExistingEvidence { get; private init; }

    /// <summary>A new application; the goods answer is preset when the order already tells.</summary>
    public static RefundDraft ForOrder(OrderRow order)
    {
        bool? received = order.ProductStatus == ProductStatus.Received ? true : order.Status == OrderStatus.AwaitingShipment ? false : null;
        var draft = new RefundDraft(order, null) { GoodsReceived = received, Kind = received == false ? RefundKind.RefundOnly : null };
        draft.original = draft.Snapshot();
        return draft;
    }

    private string original = "";

    /// <summary>The form as text, to tell whether the buyer changed anything (the lines are a list: a record would compare it by reference).</summary>
    private string Snapshot()
    {
        var form = ToForm();
        return System.Text.Json.JsonSerializer.Serialize(form with { Lines = [.. form.Lines.OrderBy(l => l.OrderLineId)] });
    }

    /// <summary>Whether the buyer entered or changed anything, picked files included: leaving would lose it.</summary>
    public bool HasChanges => Files.Count > 0 || Snapshot() != original;

    /// <summary>"Modify Application": the request's answers, its amount kept as the buyer chose it.</summary>
    public static RefundDraft ForRequest(OrderRow order, RefundView request)
    {
        var draft = new RefundDraft(order, request.Id)
        {
            GoodsReceived = request.GoodsReceived,
            Kind = request.Kind,
            Reason = request.Reason,
            Description = request.Description,
            Amount = request.Amount.Decimal,
            IncludeShipping = request.IncludesShipping,
            ExistingEvidence = request.Evidence.Count,
            amountEdited = true,
        };
        foreach (var line in request.Lines) draft.quantities[line.OrderLineId] = line.Quantity;
        draft.original = draft.Snapshot();
        return draft;
    }

    public string Currency => Order.PaidTotal.Currency;

    /// <summary>How many units of the line this request may cover (the domain decides).</summary>
    public int Available(OrderLineRow line) => line.AvailableTo(RequestId);

    public IEnumerable<(OrderLineRow Line, int Quantity)> SelectedLines =>
        Order.Lines.Where(l => quantities.ContainsKey(l.Id)).Select(l => (l, quantities[l.Id]));

    /// <summary>Every unit still refundable is selected, so the shipping fee may be included.</summary>
    /// <summary>Every unit still refundable is selected and the shipping fee may go with them (<see cref="Domain.Order.ShippingRefundable"/>).</summary>
    public bool WholeOrder => Order.ShippingRefundable && Order.Lines.All(l => quantities.GetValueOrDefault(l.Id) == l.Refundable);

    /// <summary>What the selected units were paid, with the shipping fee when included: the default amount and the cap shown.</summary>
    public Money Selected => new(SelectedLines.Sum(s => s.Line.UnitPrice.Minor * s.Quantity)
                                 + (IncludeShipping && WholeOrder ? Order.ShippingFee.Minor : 0), Currency);

    /// <summary>The amount typed, as money (the review shows it).</summary>
    public Money? AmountAsMoney => Amount is { } amount && Money.TryToMinor(amount, Currency) is { } minor ? new Money(minor, Currency) : null;

    public void Select(OrderLineRow line, bool selected)
    {
        if (selected) quantities[line.Id] = Available(line);
        else quantities.Remove(line.Id);
        SelectionChanged();
    }

    public void SetQuantity(OrderLineRow line, int quantity)
    {
        quantities[line.Id] = quantity;
        SelectionChanged();
    }

    public void SetIncludeShipping(bool include)
    {
        IncludeShipping = include;
        FollowSelection();
    }

    /// <summary>Without the goods there is nothing to return.</summary>
    public void SetGoodsReceived(bool? received)
    {
        GoodsReceived = received;
        if (received != true) Kind = RefundKind.RefundOnly;
    }

    /// <summary>The first step's check: at least one item.</summary>
    public IReadOnlyDictionary<string, string> CheckItems()
    {
        if (quantities.Count == 0) return new Dictionary<string, string> { [Fields.Lines] = UserMessages.SelectAnItem };
        FollowSelection();
        return new Dictionary<string, string>();
    }

    /// <summary>The second step's check: the questions the server would refuse unanswered, in its words.</summary>
    public IReadOnlyDictionary<string, string> CheckAgreement()
    {
        amountEdited = Amount != Selected.Decimal;
        return ToForm().MissingAnswers(Currency);
    }

    /// <summary>Whether the buyer typed their own amount (it no longer follows the selection).</summary>
    public bool AmountEdited => amountEdited;

    /// <summary>
    /// Takes the answers of a saved draft back. The order may have moved on since (another request, a refund): a line
    /// keeps at most what is still available, and the rules check the rest again before the review.
    /// </summary>
    public void Restore(RefundForm form, bool ownAmount)
    {
        quantities.Clear();
        foreach (var choice in form.Lines)
        {
            if (Order.Lines.FirstOrDefault(l => l.Id == choice.OrderLineId) is not { } line) continue;
            var quantity = Math.Min(choice.Quantity, Available(line));
            if (quantity > 0) quantities[line.Id] = quantity;
        }
        GoodsReceived = form.GoodsReceived;
        Kind = form.Kind;
        IncludeShipping = form.IncludeShipping && WholeOrder;
        Reason = form.Reason;
        Description = form.Description is { Length: > RefundRequest.MaxTextLength } text ? text[..RefundRequest.MaxTextLength] : form.Description;
        Amount = form.Amount;
        amountEdited = ownAmount;
        FollowSelection();
    }

    public RefundForm ToForm() => new(
        [.. quantities.Select(q => new LineChoice(q.Key, q.Value))], GoodsReceived, Kind, Amount, IncludeShipping, Reason, Description);

    private void SelectionChanged()
    {
        if (!WholeOrder) IncludeShipping = false;
        FollowSelection();
    }

    /// <summary>The amount follows the selection until the buyer types their own.</summary>
    private void FollowSelection()
    {
        if (!amountEdited || Amount is null) Amount = Selected.Decimal;
    }
}
