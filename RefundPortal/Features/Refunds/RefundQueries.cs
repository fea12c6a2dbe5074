using Microsoft.EntityFrameworkCore;
using RefundPortal.Data;
using RefundPortal.Domain;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Shared;

namespace RefundPortal.Features.Refunds;

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

public sealed record TimelineView(TimelineEventKind Kind, string Who, ActorRole Role, RefundStatus? From, RefundStatus To, string? Note, string? NoteKey, DateTime At)
{
    /// <summary>The note in the reader's language, made when read (at render), so a switch of language reaches it.</summary>
    public string? NoteText => TimelineNote.Read(NoteKey, Note);
}

/// <summary>Who is on a request, as the viewer sees them.</summary>
public sealed record RefundParties(string BuyerName, string BuyerEmail, string SellerName, string? ArbiterName);

/// <summary>A refund request as its details page shows it to one viewer, acting in one role.</summary>
public sealed record RefundView
{
    public required int Id { get; init; }
    public required int OrderId { get; init; }
    public required string OrderNumber { get; init; }
    /// <summary>The role the viewer acts in on this request (a user who is buyer and seller acts as whichever they are here).</summary>
    public required ActorRole ActingAs { get; init; }
    public required RefundParties Parties { get; init; }
    public required RefundStatus Status { get; init; }
    public CloseReason? CloseReason { get; init; }
    public required bool InitiatedBySeller { get; init; }
    public required Guid Version { get; init; }
    public required DateTime CreatedAt { get; init; }
    public DateTime? DeadlineAt { get; init; }

    public required bool GoodsReceived { get; init; }
    public required RefundKind Kind { get; init; }
    public required RefundReason Reason { get; init; }
    public string? Description { get; init; }
    public required Money Amount { get; init; }
    /// <summary>What was paid for the request's units: no plan or ruling may exceed it.</summary>
    public required Money Limit { get; init; }
    public required bool IncludesShipping { get; init; }
    public required IReadOnlyList<RefundLineView> Lines { get; init; }
    public required IReadOnlyList<EvidenceView> Evidence { get; init; }

    public string? RefusalReason { get; init; }
    public AddressSnapshot? ReturnAddress { get; init; }
    public ReturnShipment? ReturnShipment { get; init; }
    public Money? Paid { get; init; }
    public DateTime? PaidAt { get; init; }
    /// <summary>Where the money is: requested from the marketplace's payment system, paid, or failed.</summary>
    public PayoutView? Payout { get; init; }

    public DateTime? EscalatedAt { get; init; }
    public string? EscalationStatement { get; init; }
    public required bool IsMyCase { get; init; }
    /// <summary>The viewer is the buyer or the seller, whatever role they act in: such a viewer never acts as the arbiter.</summary>
    public bool ViewerIsParty { get; init; }
    public string? RulingReason { get; init; }
    public required IReadOnlyList<PlanView> Plans { get; init; }
    public required IReadOnlyList<MessageView> Messages { get; init; }
    public required IReadOnlyList<TimelineView> Timeline { get; init; }
    public required IReadOnlyList<OtherRefundView> OtherRefundsOnOrder { get; init; }

    public bool IsBuyer => ActingAs == ActorRole.Buyer;
    public bool IsSeller => ActingAs == ActorRole.Seller;
    public bool IsArbiter => ActingAs == ActorRole.Arbiter;
    public bool InDispute => Status == RefundStatus.PlatformIntervention;

    /// <summary>Whether the page offers the move to this viewer now (<see cref="RefundMoves"/>; the domain checks again).</summary>
    public bool Can(RefundMove move) =>
        move.Allows(ActingAs, Status, IsMyCase) && !(IsArbiter && ViewerIsParty)
        && (move != RefundMove.TakeCase || Parties.ArbiterName is null);

    public PlanView? CurrentPlan(ActorRole role) => Plans.FirstOrDefault(p => p.IsCurrent && p.By == role);
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

/// <summary>The payout of a refund as its page shows it.</summary>
public sealed record PayoutView(PayoutStatus Status, string? Reference, DateTime? SettledAt)
{
    /// <summary>"Paid on 3 Dec 2026, reference …", the day in the reader's zone.</summary>
    public string LabelIn(LocalTimes times) => Status.Describe(SettledAt is { } settled ? times.Day(settled) : null, Reference);
}

/// <summary>A status filter for the lists; null status with NeedsMyAction shows what waits for the viewer.</summary>
/// <param name="WithCounts">Whether to count the chips; a page or filter change keeps the counts it already shows.</param>
public sealed record RefundListQuery(string? Search = null, RefundStatus? Status = null, bool NeedsMyAction = false, int Page = 1,
    int PageSize = Paging.DefaultPageSize, bool WithCounts = true);

/// <summary>A page of refunds and the counts on the filter chips (each stops at <see cref="Paging.CountBound"/>).</summary>
public sealed record RefundList(Page<RefundRow> Page, IReadOnlyDictionary<RefundStatus, BoundedCount> CountsByStatus, BoundedCount NeedsMyAction)
{
    public BoundedCount All => BoundedCount.Sum(CountsByStatus.Values);
}

/// <summary>Reads refunds for the signed-in user only: their own as buyer or seller; escalated ones for arbiters.</summary>
public sealed class RefundQueries(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<RefundView?> DetailsAsync(CurrentUser user, int requestId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var request = await db.RefundRequests.AsNoTracking().AsSplitQuery()
            .Include(r => r.Order)
            .Include(r => r.Lines).ThenInclude(l => l.OrderLine)
            .Include(r => r.Evidence)
            .Include(r => r.Timeline)
            .Include(r => r.Payout)
            .Include(r => r.Plans)
            .Include(r => r.Messages).ThenInclude(m => m.Attachments)
            .Where(r => r.Id == requestId
                        && ((r.BuyerId == user.Id && user.IsBuyer)
                            || (r.SellerId == user.Id && user.IsSeller)
                            || (user.IsArbiter && r.EscalatedAt != null)))
            .SingleOrDefaultAsync(ct);
        if (request is null) return null;

        var actingAs = request.BuyerId == user.Id && user.IsBuyer ? ActorRole.Buyer
            : request.SellerId == user.Id && user.IsSeller ? ActorRole.Seller
            : ActorRole.Arbiter;
        var names = await People.LoadAsync(db, request.Timeline.Select(e => e.ActorId).Concat(request.Messages.Select(m => m.AuthorId))
            .Append(request.BuyerId).Append(request.SellerId).Append(request.ArbiterId), ct);
        string NameOf(string? id, ActorRole role) =>
            id is null ? RefundWords.Get("Role_System") : names.TryGetValue(id, out var person) ? person.Name : RefundWords.Get($"Role_{role}");
        // An arbiter weighs the order's other disputes, never what its parties settled between themselves.
        var others = await db.RefundRequests.AsNoTracking()
            .Where(r => r.OrderId == request.OrderId && r.Id != request.Id && (actingAs != ActorRole.Arbiter || r.EscalatedAt != null))
            .OrderBy(r => r.Id).Take(20)
            .Select(r => new OtherRefundView(r.Id, r.Status, new Money(r.AmountMinor, r.Currency), r.CreatedAt))
            .ToListAsync(ct);
        static EvidenceView Evidence(EvidenceFile e) => new(e.Id, e.FileName, e.ContentType, e.SizeBytes, e.UploadedByRole, e.UploadedAt);
        var currency = request.Currency;
        return new RefundView
        {
            Id = request.Id,
            OrderId = request.OrderId,
            OrderNumber = request.Order.Number,
            ActingAs = actingAs,
            Parties = new RefundParties(names[request.BuyerId].Name, names[request.BuyerId].Email, names[request.SellerId].Name,
                request.ArbiterId is { } arbiter && names.TryGetValue(arbiter, out var a) ? a.Name : null),
            Status = request.Status,
            CloseReason = request.CloseReason,
            InitiatedBySeller = request.InitiatedBySeller,
            Version = request.Version,
            CreatedAt = request.CreatedAt,
            DeadlineAt = request.DeadlineAt,
            GoodsReceived = request.GoodsReceived,
            Kind = request.Kind,
            Reason = request.Reason,
            Description = request.Description,
            Amount = request.Amount,
            Limit = new Money(request.LimitMinor, currency),
            IncludesShipping = request.IncludesShipping,
            Lines = request.Lines.Select(l => new RefundLineView(l.OrderLineId, l.OrderLine.ProductName, l.OrderLine.Sku,
                new Money(l.OrderLine.UnitPriceMinor, currency), l.Quantity)).ToList(),
            Evidence = request.Evidence.Where(e => !e.IsMessageAttachment).OrderBy(e => e.Id).Select(Evidence).ToList(),
            RefusalReason = request.RefusalReason,
            ReturnAddress = request.ReturnAddress,
            ReturnShipment = request.ReturnShipment,
            Paid = request.Payout?.Amount,
            PaidAt = request.Payout?.RequestedAt,
            Payout = request.Payout is { } payout ? new PayoutView(payout.Status, payout.Reference, payout.SettledAt) : null,
            EscalatedAt = request.EscalatedAt,
            EscalationStatement = request.EscalationStatement,
            IsMyCase = request.ArbiterId is not null && request.ArbiterId == user.Id && user.IsArbiter,
            ViewerIsParty = request.BuyerId == user.Id || request.SellerId == user.Id,
            RulingReason = request.RulingReason,
            Plans = request.Plans.OrderBy(p => p.Id).Select(p => new PlanView(p.Id, p.ProposedByRole, p.Kind,
                new Money(p.AmountMinor, currency), p.Note, p.ProposedAt, p.EndedAt, p.EndedAs)).ToList(),
            Messages = request.Messages.OrderBy(m => m.At).ThenBy(m => m.Id).Select(m => new MessageView(
                NameOf(m.AuthorId, m.AuthorRole), m.AuthorRole, m.Text, m.At, m.Attachments.OrderBy(e => e.Id).Select(Evidence).ToList())).ToList(),
            Timeline = request.Timeline.OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => new TimelineView(e.Kind,
                NameOf(e.ActorId, e.ActorRole), e.ActorRole, e.FromStatus, e.ToStatus, e.Note, e.NoteKey, e.At)).ToList(),
            OtherRefundsOnOrder = others,
        };
    }

    /// <summary>"My Refunds": the buyer's requests, those waiting for the buyer first.</summary>
    public Task<RefundList> ListForBuyerAsync(CurrentUser user, RefundListQuery query, CancellationToken ct = default)
    {
        user.As(ActorRole.Buyer);
        return ListAsync(r => r.BuyerId == user.Id, ActorRole.Buyer, query, ct);
    }

    /// <summary>"Refund Management": the seller's requests, "Needs my action" first.</summary>
    public Task<RefundList> ListForSellerAsync(CurrentUser user, RefundListQuery query, CancellationToken ct = default)
    {
        user.As(ActorRole.Seller);
        return ListAsync(r => r.SellerId == user.Id, ActorRole.Seller, query, ct);
    }

    private async Task<RefundList> ListAsync(System.Linq.Expressions.Expression<Func<RefundRequest, bool>> mine, ActorRole side,
        RefundListQuery query, CancellationToken ct)
    {
        var myTurn = RefundStatusRules.WaitingFor(side).ToArray();
        var buyerSide = side == ActorRole.Buyer;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var all = db.RefundRequests.Where(mine);
        // One bounded count per status, each a range of the (party, status) index: never all of a big seller's refunds.
        var counts = new Dictionary<RefundStatus, BoundedCount>();
        foreach (var status in query.WithCounts ? Enum.GetValues<RefundStatus>() : [])
        {
            var count = await Paging.CountAsync(all.Where(r => r.Status == status), ct);
            if (count.Value > 0) counts[status] = count;
        }

        var queue = buyerSide ? RefundListQueues.Buyer : RefundListQueues.Seller;
        var filtered = all;
        if (query.NeedsMyAction) filtered = filtered.Where(r => EF.Property<int>(r, queue) == 0);
        else if (query.Status is { } status) filtered = filtered.Where(r => r.Status == status);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            // The order number through the order search index; the other party by name or email, found first.
            var pattern = Paging.Contains(query.Search);
            var orders = OrderSearch.MatchingIds(db, query.Search);
            var people = db.Users.Where(u => EF.Functions.Like(u.Email!.ToLower(), pattern, "\\") || EF.Functions.Like(u.DisplayName.ToLower(), pattern, "\\"))
                .Select(u => u.Id);
            filtered = filtered.Where(r => orders.Contains(r.OrderId) || people.Contains(buyerSide ? r.SellerId : r.BuyerId));
        }
        var (total, more) = await Paging.CountAsync(filtered, ct);
        var (skip, take, page, size) = Paging.Window(query.Page, query.PageSize);
        // The list order is the (party, queue, deadline, change, id) index's: the page is read off it, never sorted.
        var rows = await filtered
            .OrderBy(r => EF.Property<int>(r, queue))
            .ThenBy(r => r.DeadlineAt)
            .ThenByDescending(r => r.UpdatedAt)
            .ThenByDescending(r => r.Id)
            .Skip(skip).Take(take)
            .Select(r => new
            {
                r.Id, r.Order.Number, r.Status, r.Kind, r.AmountMinor, r.Currency, r.CreatedAt, r.UpdatedAt, r.DeadlineAt,
                Counterpart = buyerSide ? r.SellerId : r.BuyerId,
            })
            .ToListAsync(ct);
        // The page's product names in a second query on the page's ids, never joined against every refund line.
        var ids = rows.Select(r => r.Id).ToList();
        var products = (await db.Set<RefundLine>().Where(l => ids.Contains(l.RefundRequestId))
                .Select(l => new { l.RefundRequestId, l.OrderLine.ProductName }).ToListAsync(ct))
            .ToLookup(l => l.RefundRequestId, l => l.ProductName);
        var names = await People.LoadAsync(db, rows.Select(r => r.Counterpart), ct);
        var items = rows.Select(r => new RefundRow(r.Id, r.Number, r.Status, r.Kind, new Money(r.AmountMinor, r.Currency),
            names[r.Counterpart].Name, names[r.Counterpart].Email, string.Join(", ", products[r.Id]), r.CreatedAt, r.UpdatedAt, r.DeadlineAt,
            myTurn.Contains(r.Status))).ToList();
        return new RefundList(new Page<RefundRow>(items, total, page, size) { CountIsLowerBound = more }, counts,
            BoundedCount.Sum(counts.Where(c => myTurn.Contains(c.Key)).Select(c => c.Value)));
    }
}
