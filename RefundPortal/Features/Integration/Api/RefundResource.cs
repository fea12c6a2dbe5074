using Microsoft.EntityFrameworkCore;
using RefundPortal.Data;
using RefundPortal.Domain;
using RefundPortal.Features.Integration.Webhooks;
using RefundPortal.Features.Shared;

namespace RefundPortal.Features.Integration.Api;

public sealed record PartyResource(string? ExternalId, string Email, string Name);

public sealed record RefundLineResource(string Sku, string Name, int Quantity, long UnitPrice, long Amount);

public sealed record TimelineEntryResource(string Type, string Actor, string? FromStatus, string ToStatus, string? Note, DateTime At);

public sealed record PayoutResource(Guid Id, long Amount, string Currency, string Status, string? Reference, DateTime RequestedAt, DateTime? SettledAt);

public sealed record DisputeResource(DateTime EscalatedAt, string? Statement, bool ArbiterAssigned, string? RulingReason);

/// <summary>A refund as the API returns it and every webhook carries it.</summary>
public sealed record RefundResource(
    int Id,
    string OrderNumber,
    PartyResource Buyer,
    PartyResource Seller,
    string Status,
    string StatusLabel,
    string? CloseReason,
    string Kind,
    string Reason,
    string? Description,
    bool GoodsReceived,
    bool InitiatedBySeller,
    long Amount,
    string Currency,
    bool IncludesShipping,
    IReadOnlyList<RefundLineResource> Lines,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime? DeadlineAt,
    DisputeResource? Dispute,
    PayoutResource? Payout,
    IReadOnlyList<TimelineEntryResource> Timeline)
{
    /// <summary>These refunds as resources, in the order of <paramref name="ids"/>; ids that do not exist are left out.</summary>
    public static async Task<IReadOnlyList<RefundResource>> LoadAsync(AppDbContext db, IReadOnlyList<int> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        var requests = await db.RefundRequests.AsNoTracking().AsSplitQuery()
            .Include(r => r.Order)
            .Include(r => r.Lines).ThenInclude(l => l.OrderLine)
            .Include(r => r.Timeline)
            .Include(r => r.Payout)
            .Where(r => ids.Contains(r.Id))
            .ToListAsync(ct);
        var userIds = requests.SelectMany(r => new[] { r.BuyerId, r.SellerId }).Distinct().ToList();
        var people = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id))
            .Select(u => new { u.Id, u.ExternalId, u.Email, u.DisplayName })
            .ToDictionaryAsync(u => u.Id, ct);
        PartyResource Party(string id) => people.TryGetValue(id, out var p)
            ? new PartyResource(p.ExternalId, p.Email ?? "", p.DisplayName)
            : new PartyResource(null, "", "");
        var byId = requests.ToDictionary(r => r.Id, r => From(r, Party));
        return [.. ids.Where(byId.ContainsKey).Select(id => byId[id])];
    }

    public static async Task<RefundResource?> LoadAsync(AppDbContext db, int id, CancellationToken ct) =>
        (await LoadAsync(db, [id], ct)).SingleOrDefault();

    private static RefundResource From(RefundRequest r, Func<string, PartyResource> party) => new(
        r.Id,
        r.Order.Number,
        party(r.BuyerId),
        party(r.SellerId),
        ApiJson.Name(r.Status),
        r.Status.Label(),
        ApiJson.Name(r.CloseReason),
        ApiJson.Name(r.Kind),
        ApiJson.Name(r.Reason),
        r.Description,
        r.GoodsReceived,
        r.InitiatedBySeller,
        r.AmountMinor,
        r.Currency,
        r.IncludesShipping,
        [.. r.Lines.OrderBy(l => l.Id).Select(l => new RefundLineResource(l.OrderLine.Sku, l.OrderLine.ProductName, l.Quantity,
            l.OrderLine.UnitPriceMinor, l.ValueMinor))],
        r.CreatedAt,
        r.UpdatedAt,
        r.DeadlineAt,
        r.EscalatedAt is { } escalated ? new DisputeResource(escalated, r.EscalationStatement, r.ArbiterId is not null, r.RulingReason) : null,
        r.Payout is { } p ? PayoutOf(p) : null,
        [.. r.Timeline.OrderBy(e => e.Id).Select(e => new TimelineEntryResource(IntegrationEventTypes.Of(e.Kind), ApiJson.Name(e.ActorRole),
            ApiJson.Name(e.FromStatus), ApiJson.Name(e.ToStatus), e.NoteText, e.At))]);

    public static PayoutResource PayoutOf(Payout p) =>
        new(p.Id, p.AmountMinor, p.Currency, ApiJson.Name(p.Status), p.Reference, p.RequestedAt, p.SettledAt);
}
