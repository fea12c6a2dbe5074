using RefundPortal.Data;
using RefundPortal.Domain;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Refunds.Evidence;

namespace RefundPortal.Features.Refunds;

/// <summary>
/// The moves run by the same rules and thrown away: what a confirmation states before money moves, and the wizard's
/// check before its review. Nothing here saves or writes a file.
/// </summary>
public sealed partial class RefundService
{
    /// <summary>
    /// What <see cref="IssueImmediateRefundAsync"/> would pay, checked by the same rules and saved nowhere, for the
    /// confirmation the seller sees before any money moves. Throws <see cref="RefundValidationException"/> as it would.
    /// </summary>
    public async Task<Money> PreviewImmediateRefundAsync(CurrentUser user, int orderId, ImmediateRefundForm form, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var request = await ImmediateRefundAsync(db, user, orderId, form, ct);
        return new Money(request.AmountMinor, request.Currency);
    }

    /// <summary>
    /// The same move, checked by the same rules and then thrown away: the request as it would be, for a confirmation
    /// that states what is about to happen (a ruling's amount and who receives it).
    /// </summary>
    internal async Task<RefundRequest> PreviewAsync(CurrentUser user, ActorRole role, int requestId, Guid? version,
        Func<AppDbContext, RefundRequest, Actor, Task<IReadOnlyList<EvidenceFile>>> move, CancellationToken ct)
    {
        var (db, request, added) = await MoveAsync(user, role, requestId, version, move, ct);
        await db.DisposeAsync();
        evidence.Delete(added);
        return request;
    }

    /// <summary>
    /// Checks an application, or the modification of <paramref name="requestId"/>, by every rule <see cref="ApplyAsync"/>
    /// and <see cref="ModifyAsync"/> apply (the amount's cap, the description and evidence a reason needs …), writing
    /// nothing: the wizard's "Next" before its last step. Throws <see cref="RefundValidationException"/> or
    /// <see cref="DomainException"/> as they would.
    /// </summary>
    public async Task CheckApplicationAsync(CurrentUser user, int orderId, int? requestId, Guid? version, RefundForm form,
        IReadOnlyList<UploadedFile> files, CancellationToken ct = default)
    {
        if (requestId is { } id)
        {
            await PreviewAsync(user, ActorRole.Buyer, id, version, async (_, request, actor) =>
            {
                request.Modify(actor, await ToTermsAsync(request.Order, form, files, actor, request.EvidenceCount, ct, writeFiles: false), policy, Now);
                return [];
            }, ct);
            return;
        }
        var buyer = user.As(ActorRole.Buyer);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var order = await LoadOrderAsync(db, o => o.Id == orderId && o.BuyerId == user.Id, ct);
        RefundRequest.Apply(order, buyer, await ToTermsAsync(order, form, files, buyer, alreadyAttached: 0, ct, writeFiles: false), policy, Now);
    }
}
