using Microsoft.Extensions.Localization;
using RefundPortal.Data;
using RefundPortal.Domain;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Refunds;
using RefundPortal.Features.Refunds.Evidence;
using RefundPortal.Features.Returns;
using RefundPortal.Features.Shared;

namespace RefundPortal.Features.Disputes;

/// <summary>
/// Platform intervention (DESIGN.md section 5): escalation, the three parties' plans, rulings, and the conversation
/// and evidence both parties add until the case closes. Every move goes through <see cref="RefundService"/>'s one
/// load-check-save path, so concurrency, notifications and file clean-up behave the same as for every other action.
/// </summary>
public sealed class DisputeService(RefundService refunds, TimeProvider clock, RefundPolicy policy, IStringLocalizer<DisputeText> text)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>"Apply for Platform Intervention" from "Seller Refused", with a statement and evidence.</summary>
    public Task EscalateAsync(CurrentUser user, int requestId, Guid version, string statement, IReadOnlyList<UploadedFile> files,
        CancellationToken ct = default) =>
        refunds.ActAsync(user, ActorRole.Buyer, requestId, version, async (_, request, actor) =>
        {
            var saved = await refunds.SaveEvidenceAsync(files, actor, request.EvidenceCount, ct);
            refunds.Guarded(saved, () => request.Escalate(actor, statement, saved, policy, Now));
            return saved;
        }, ct);

    /// <summary>"Take Case": one arbiter per case; the second one at the same moment is told it is taken.</summary>
    public async Task TakeCaseAsync(CurrentUser user, int requestId, Guid version, CancellationToken ct = default)
    {
        try
        {
            await Act(user, ActorRole.Arbiter, requestId, version, request => request.TakeCase(user.As(ActorRole.Arbiter), Now), ct);
        }
        catch (ConcurrencyConflictException)
        {
            throw new ConcurrencyConflictException(text["CaseTakenOrChanged"]);
        }
    }

    /// <summary>"Propose Plan" in the role the user acts in on this case (buyer, seller or the platform).</summary>
    public Task ProposePlanAsync(CurrentUser user, ActorRole role, int requestId, Guid version, RefundKind kind, decimal? amount, string? note,
        CancellationToken ct = default) =>
        Act(user, role, requestId, version, request =>
        {
            var errors = new Dictionary<string, string>();
            var minor = Money.AmountFrom(amount, request.Currency, errors);
            if (errors.Count > 0) throw new RefundValidationException(errors);
            request.ProposePlan(user.As(role), kind, minor, note, Now);
        }, ct);

    public Task DeletePlanAsync(CurrentUser user, ActorRole role, int requestId, Guid version, CancellationToken ct = default) =>
        Act(user, role, requestId, version, request => request.DeletePlan(user.As(role), Now), ct);

    /// <summary>"Accept Plan" on the other party's or the platform's plan; a return goes to the seller's default address.</summary>
    public Task AcceptPlanAsync(CurrentUser user, ActorRole role, int requestId, Guid version, ActorRole proposer, CancellationToken ct = default) =>
        refunds.ActAsync(user, role, requestId, version, async (db, request, actor) =>
        {
            var address = await ReturnAddressService.DefaultOfAsync(db, request.SellerId, ct);
            request.AcceptPlan(actor, proposer, address, policy, Now);
            return [];
        }, ct);

    /// <summary>"Issue Ruling": executes at once; both parties are told.</summary>
    public Task RuleAsync(CurrentUser user, int requestId, Guid version, RulingOutcome outcome, decimal? partialAmount, bool returnRequired,
        string reason, CancellationToken ct = default) =>
        refunds.ActAsync(user, ActorRole.Arbiter, requestId, version, Ruling(outcome, partialAmount, returnRequired, reason, ct), ct);

    /// <summary>
    /// What <see cref="RuleAsync"/> would do, checked by the same rules and saved nowhere: the amount the buyer would
    /// receive (none on a rejection) and whether the goods come back first. For the confirmation before a ruling.
    /// </summary>
    public async Task<RulingPreview> PreviewRulingAsync(CurrentUser user, int requestId, Guid version, RulingOutcome outcome, decimal? partialAmount,
        bool returnRequired, string reason, CancellationToken ct = default)
    {
        var request = await refunds.PreviewAsync(user, ActorRole.Arbiter, requestId, version, Ruling(outcome, partialAmount, returnRequired, reason, ct), ct);
        return new RulingPreview(outcome == RulingOutcome.Reject ? null : new Money(request.AmountMinor, request.Currency),
            request.Status == RefundStatus.AwaitingReturn);
    }

    private Func<AppDbContext, RefundRequest, Actor, Task<IReadOnlyList<EvidenceFile>>> Ruling(RulingOutcome outcome, decimal? partialAmount,
        bool returnRequired, string reason, CancellationToken ct) =>
        async (db, request, actor) =>
        {
            long? minor = null;
            if (outcome == RulingOutcome.PartialRefund)
            {
                var errors = new Dictionary<string, string>();
                minor = Money.AmountFrom(partialAmount, request.Currency, errors);
                if (errors.Count > 0) throw new RefundValidationException(errors);
            }
            var address = returnRequired ? await ReturnAddressService.DefaultOfAsync(db, request.SellerId, ct) : null;
            request.Rule(actor, outcome, minor, returnRequired, reason, address, policy, Now);
            return [];
        };

    /// <summary>A message with attachments; never stale, so no version is checked.</summary>
    public Task PostMessageAsync(CurrentUser user, ActorRole role, int requestId, string text, IReadOnlyList<UploadedFile> files,
        CancellationToken ct = default) =>
        refunds.ActAsync(user, role, requestId, null, async (db, request, actor) =>
        {
            // Only this move counts the messages (at most RefundRequest.MaxMessages), so only it loads them.
            await db.Entry(request).Collection(r => r.Messages).LoadAsync(ct);
            var saved = await refunds.SaveEvidenceAsync(files, actor, 0, ct);
            refunds.Guarded(saved, () => request.PostMessage(actor, text, saved, Now));
            return saved;
        }, ct);

    /// <summary>More evidence from the buyer or the seller while the case is open.</summary>
    public Task AddEvidenceAsync(CurrentUser user, ActorRole role, int requestId, IReadOnlyList<UploadedFile> files, CancellationToken ct = default) =>
        refunds.ActAsync(user, role, requestId, null, async (_, request, actor) =>
        {
            if (files.Count == 0) throw new RefundValidationException(Fields.Evidence, text["ChooseAFile"]);
            var saved = await refunds.SaveEvidenceAsync(files, actor, request.EvidenceCount, ct);
            refunds.Guarded(saved, () => request.AddEvidence(actor, saved));
            return saved;
        }, ct);

    private Task Act(CurrentUser user, ActorRole role, int requestId, Guid version, Action<RefundRequest> move, CancellationToken ct) =>
        refunds.ActAsync(user, role, requestId, version, (_, request, _) =>
        {
            move(request);
            return Task.FromResult<IReadOnlyList<EvidenceFile>>([]);
        }, ct);
}

/// <summary>A ruling as it would execute: what the buyer receives (null: nothing) and whether the goods are returned first.</summary>
public sealed record RulingPreview(Money? Refund, bool ReturnFirst);
