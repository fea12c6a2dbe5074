using Microsoft.EntityFrameworkCore;
using RefundPortal.Data;
using RefundPortal.Domain;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Shared;

namespace RefundPortal.Features.Refunds;

/// <summary>How the viewer relates to a request; decides which actions the page offers (the domain still checks).</summary>
public enum RefundViewer
{
    Buyer,
    Seller,
    Arbiter,
}

public sealed record RefundLineView(int OrderLineId, string ProductName, string Sku, Money UnitPrice, int Quantity);

public sealed record EvidenceView(int Id, string FileName, string ContentType, long SizeBytes, ActorRole UploadedBy, DateTime UploadedAt)
{
    public bool IsImage => ContentType.StartsWith("image/", StringComparison.Ordinal);
    public string Url => $"evidence/{Id}";
}

public sealed record PlanView(int Id, ActorRole By, RefundKind Kind, Money Amount, string? Note, DateTime ProposedAt, DateTime? EndedAt, string? EndedAs)
{
    public bool IsCurrent => EndedAt is null;
}

public sealed record MessageView(string Who, ActorRole Role, string Text, DateTime At, IReadOnlyList<EvidenceView> Attachments);

public sealed record OtherRefundView(int Id, RefundStatus Status, Money Amount, DateTime CreatedAt);

public sealed record TimelineView(TimelineEventKind Kind, string Who, ActorRole Role, RefundStatus? From, RefundStatus To, string? Note, DateTime At);

public sealed record RefundView(
    int Id,
    int OrderId,
    string OrderNumber,
    RefundViewer Viewer,
    RefundStatus Status,
    CloseReason? CloseReason,
    bool InitiatedBySeller,
    string BuyerName,
    string BuyerEmail,
    string SellerName,
    bool GoodsReceived,
    RefundKind Kind,
    RefundReason Reason,
    string? Description,
    Money Amount,
    Money Limit,
    bool IncludesShipping,
    IReadOnlyList<RefundLineView> Lines,
    IReadOnlyList<EvidenceView> Evidence,
    string? RefusalReason,
    AddressSnapshot? ReturnAddress,
    ReturnShipment? ReturnShipment,
    Money? Paid,
    DateTime? PaidAt,
    DateTime CreatedAt,
    DateTime? DeadlineAt,
    Guid Version,
    IReadOnlyList<TimelineView> Timeline,
    DateTime? EscalatedAt,
    string? EscalationStatement,
    string? ArbiterName,
    bool IsMyCase,
    string? RulingReason,
    IReadOnlyList<PlanView> Plans,
    IReadOnlyList<MessageView> Messages,
    IReadOnlyList<OtherRefundView> OtherRefundsOnOrder)
{
    public bool IsArbiter => Viewer == RefundViewer.Arbiter;
    public bool InDispute => Status == RefundStatus.PlatformIntervention;
    public bool CanEscalate => IsBuyer && Status == RefundStatus.SellerRefused;
    public bool CanTakeCase => IsArbiter && InDispute && ArbiterName is null;
    public bool CanRule => IsArbiter && InDispute && IsMyCase;
    public bool CanWrite => Status.IsActive() && (!IsArbiter || EscalatedAt is not null);
    public bool CanAddEvidence => (IsBuyer || IsSeller) && Status.IsActive();
    public PlanView? CurrentPlan(ActorRole role) => Plans.FirstOrDefault(p => p.IsCurrent && p.By == role);

    /// <summary>The role the viewer acts in on this case (a buyer who is also a seller acts as whichever they are here).</summary>
    public string ActingRole => Viewer switch
    {
        RefundViewer.Buyer => Roles.Buyer,
        RefundViewer.Seller => Roles.Seller,
        _ => Roles.Arbiter,
    };

    public ActorRole ActingActorRole => Viewer switch
    {
        RefundViewer.Buyer => ActorRole.Buyer,
        RefundViewer.Seller => ActorRole.Seller,
        _ => ActorRole.Arbiter,
    };

    public bool IsBuyer => Viewer == RefundViewer.Buyer;
    public bool IsSeller => Viewer == RefundViewer.Seller;
    public bool CanModify => IsBuyer && Status is RefundStatus.AwaitingSeller or RefundStatus.SellerRefused;
    public bool CanWithdraw => CanModify;
    public bool CanSubmitReturn => IsBuyer && Status == RefundStatus.AwaitingReturn;
    public bool CanAnswer => IsSeller && Status == RefundStatus.AwaitingSeller;
    public bool CanChangeAddress => IsSeller && Status == RefundStatus.AwaitingReturn;
    public bool CanConfirmReceipt => IsSeller && Status == RefundStatus.ReturnInTransit;
}

public sealed record RefundRow(
    int Id,
    string OrderNumber,
    RefundStatus Status,
    RefundKind Kind,
    Money Amount,
    string CounterpartName,
    string CounterpartEmail,
    string Products,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime? DeadlineAt,
    bool NeedsMyAction);

/// <summary>A status filter for the lists; null status with NeedsMyAction shows what waits for the viewer.</summary>
public sealed record RefundListQuery(string? Search = null, RefundStatus? Status = null, bool NeedsMyAction = false, int Page = 1,
    int PageSize = Paging.DefaultPageSize);

public sealed record RefundList(Page<RefundRow> Page, IReadOnlyDictionary<RefundStatus, int> CountsByStatus, int NeedsMyActionCount);

/// <summary>Reads refunds for the signed-in user only: their own as buyer or seller; escalated ones for arbiters.</summary>
public sealed class RefundQueries(IDbContextFactory<AppDbContext> dbFactory)
{
    private static readonly RefundStatus[] SellerActs = [RefundStatus.AwaitingSeller, RefundStatus.ReturnInTransit];
    private static readonly RefundStatus[] BuyerActs = [RefundStatus.SellerRefused, RefundStatus.AwaitingReturn];

    public async Task<RefundView?> DetailsAsync(CurrentUser user, int requestId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var request = await db.RefundRequests.AsNoTracking().AsSplitQuery()
            .Include(r => r.Order)
            .Include(r => r.Lines).ThenInclude(l => l.OrderLine)
            .Include(r => r.Evidence)
            .Include(r => r.Timeline)
            .Include(r => r.Payment)
            .Include(r => r.Plans)
            .Include(r => r.Messages).ThenInclude(m => m.Attachments)
            .Where(r => r.Id == requestId
                        && ((r.BuyerId == user.Id && user.IsBuyer)
                            || (r.SellerId == user.Id && user.IsSeller)
                            || (user.IsArbiter && r.EscalatedAt != null)))
            .SingleOrDefaultAsync(ct);
        if (request is null) return null;

        var viewer = request.BuyerId == user.Id && user.IsBuyer ? RefundViewer.Buyer
            : request.SellerId == user.Id && user.IsSeller ? RefundViewer.Seller
            : RefundViewer.Arbiter;
        var names = await People.LoadAsync(db, request.Timeline.Select(e => e.ActorId).Concat(request.Messages.Select(m => m.AuthorId))
            .Append(request.BuyerId).Append(request.SellerId).Append(request.ArbiterId), ct);
        var others = await db.RefundRequests.AsNoTracking()
            .Where(r => r.OrderId == request.OrderId && r.Id != request.Id)
            .OrderBy(r => r.Id).Take(20)
            .Select(r => new OtherRefundView(r.Id, r.Status, new Money(r.AmountMinor, r.Currency), r.CreatedAt))
            .ToListAsync(ct);
        static EvidenceView Evidence(EvidenceFile e) => new(e.Id, e.FileName, e.ContentType, e.SizeBytes, e.UploadedByRole, e.UploadedAt);
        var currency = request.Currency;
        return new RefundView(
            request.Id, request.OrderId, request.Order.Number, viewer, request.Status, request.CloseReason, request.InitiatedBySeller,
            names[request.BuyerId].Name, names[request.BuyerId].Email, names[request.SellerId].Name,
            request.GoodsReceived, request.Kind, request.Reason, request.Description,
            request.Amount, new Money(request.LimitMinor, currency), request.IncludesShipping,
            request.Lines.Select(l => new RefundLineView(l.OrderLineId, l.OrderLine.ProductName, l.OrderLine.Sku,
                new Money(l.OrderLine.UnitPriceMinor, currency), l.Quantity)).ToList(),
            request.Evidence.Where(e => !e.IsMessageAttachment).OrderBy(e => e.Id).Select(Evidence).ToList(),
            request.RefusalReason, request.ReturnAddress, request.ReturnShipment,
            request.Payment?.Amount, request.Payment?.PaidAt, request.CreatedAt, request.DeadlineAt, request.Version,
            request.Timeline.OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => new TimelineView(e.Kind,
                e.ActorId is null ? "System" : names.TryGetValue(e.ActorId, out var who) ? who.Name : e.ActorRole.ToString(),
                e.ActorRole, e.FromStatus, e.ToStatus, e.Note, e.At)).ToList(),
            request.EscalatedAt, request.EscalationStatement,
            request.ArbiterId is { } arbiter && names.TryGetValue(arbiter, out var a) ? a.Name : null,
            request.ArbiterId is not null && request.ArbiterId == user.Id && user.IsArbiter,
            request.RulingReason,
            request.Plans.OrderBy(p => p.Id).Select(p => new PlanView(p.Id, p.ProposedByRole, p.Kind, new Money(p.AmountMinor, currency), p.Note,
                p.ProposedAt, p.EndedAt, p.EndedAs)).ToList(),
            request.Messages.OrderBy(m => m.At).ThenBy(m => m.Id).Select(m => new MessageView(
                m.AuthorId is { } author && names.TryGetValue(author, out var n) ? n.Name : m.AuthorRole.ToString(),
                m.AuthorRole, m.Text, m.At, m.Attachments.OrderBy(e => e.Id).Select(Evidence).ToList())).ToList(),
            others);
    }

    /// <summary>"My Refunds": the buyer's requests, those waiting for the buyer first.</summary>
    public Task<RefundList> ListForBuyerAsync(CurrentUser user, RefundListQuery query, CancellationToken ct = default)
    {
        user.As(Roles.Buyer);
        return ListAsync(r => r.BuyerId == user.Id, BuyerActs, buyerSide: true, query, ct);
    }

    /// <summary>"Refund Management": the seller's requests, "Needs my action" first.</summary>
    public Task<RefundList> ListForSellerAsync(CurrentUser user, RefundListQuery query, CancellationToken ct = default)
    {
        user.As(Roles.Seller);
        return ListAsync(r => r.SellerId == user.Id, SellerActs, buyerSide: false, query, ct);
    }

    private async Task<RefundList> ListAsync(System.Linq.Expressions.Expression<Func<RefundRequest, bool>> mine, RefundStatus[] myTurn,
        bool buyerSide, RefundListQuery query, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var all = db.RefundRequests.Where(mine);
        var counts = await all.GroupBy(r => r.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);

        var filtered = all;
        if (query.NeedsMyAction) filtered = filtered.Where(r => myTurn.Contains(r.Status));
        else if (query.Status is { } status) filtered = filtered.Where(r => r.Status == status);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = Paging.Contains(query.Search);
            filtered = filtered.Where(r => EF.Functions.Like(r.Order.Number, pattern, "\\")
                || db.Users.Any(u => u.Id == (buyerSide ? r.SellerId : r.BuyerId)
                                     && (EF.Functions.Like(u.Email!, pattern, "\\") || EF.Functions.Like(u.DisplayName, pattern, "\\"))));
        }
        var total = await filtered.CountAsync(ct);
        var (skip, take, page, size) = Paging.Window(query.Page, query.PageSize);
        var rows = await filtered
            .OrderBy(r => myTurn.Contains(r.Status) ? 0 : r.DeadlineAt != null ? 1 : 2)
            .ThenBy(r => r.DeadlineAt)
            .ThenByDescending(r => r.UpdatedAt)
            .ThenByDescending(r => r.Id)
            .Skip(skip).Take(take)
            .Select(r => new
            {
                r.Id, r.Order.Number, r.Status, r.Kind, r.AmountMinor, r.Currency, r.CreatedAt, r.UpdatedAt, r.DeadlineAt,
                Counterpart = buyerSide ? r.SellerId : r.BuyerId,
                Products = r.Lines.Select(l => l.OrderLine.ProductName).ToList(),
            })
            .ToListAsync(ct);
        var names = await People.LoadAsync(db, rows.Select(r => r.Counterpart), ct);
        var items = rows.Select(r => new RefundRow(r.Id, r.Number, r.Status, r.Kind, new Money(r.AmountMinor, r.Currency),
            names[r.Counterpart].Name, names[r.Counterpart].Email, string.Join(", ", r.Products), r.CreatedAt, r.UpdatedAt, r.DeadlineAt,
            myTurn.Contains(r.Status))).ToList();
        return new RefundList(new Page<RefundRow>(items, total, page, size), counts,
            counts.Where(c => myTurn.Contains(c.Key)).Sum(c => c.Value));
    }
}
