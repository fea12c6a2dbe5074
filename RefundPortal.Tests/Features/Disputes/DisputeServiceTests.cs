using Microsoft.EntityFrameworkCore;
using RefundPortal.Domain;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Disputes;
using RefundPortal.Features.Refunds;
using RefundPortal.Features.Refunds.Evidence;
using RefundPortal.Features.Shared;
using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Features.Disputes;

public abstract class DisputeServiceTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : TestApp
{
    private DisputeService Disputes => app.Get<DisputeService>();

    private sealed record Case(int Id, CurrentUser Buyer, CurrentUser Seller, CurrentUser Arbiter);

    /// <summary>A fresh return-and-refund request (limit USD 24.99), refused, escalated.</summary>
    private async Task<Case> EscalatedAsync(bool take = false)
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        var arbiter = await app.UserAsync("arbiter@example.com");
        var order = await app.PlaceOrderAsync(buyer, seller);
        var id = await app.EscalatedAsync(buyer, seller, await app.ApplyReturnAsync(buyer, order), OrderFactory.Photo("broken.png"));
        if (take) await app.TakeAsync(id, arbiter);
        return new Case(id, buyer, seller, arbiter);
    }

    [Fact]
    public async Task EscalatingMovesToPlatformInterventionAndTellsTheSeller()
    {
        var c = await EscalatedAsync();

        var request = await app.LoadAsync(c.Id);
        Assert.Equal(RefundStatus.PlatformIntervention, request.Status);
        Assert.Equal(app.Now() + RefundPolicy.Default.ArbiterIntervention, request.DeadlineAt);
        Assert.Equal(2, request.Evidence.Count);
        await using var db = app.NewDb();
        Assert.Contains(await db.Notifications.Where(n => n.RefundRequestId == c.Id).ToListAsync(),
            n => n.UserId == c.Seller.Id && n.Title.StartsWith("Platform intervention requested"));
    }

    [Fact]
    public async Task ArbitersSeeOnlyEscalatedRefunds()
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        var arbiter = await app.UserAsync("arbiter@example.com");
        var id = await app.ApplyReturnAsync(buyer, await app.PlaceOrderAsync(buyer, seller));

        Assert.Null(await app.Get<RefundQueries>().DetailsAsync(arbiter, id));
        await Assert.ThrowsAsync<NotFoundException>(() => Disputes.PostMessageAsync(arbiter, ActorRole.Arbiter, id, "Hello", []));
        await Assert.ThrowsAsync<NotFoundException>(() => Disputes.TakeCaseAsync(arbiter, id, Guid.Empty));
    }

    [Fact]
    public async Task EachPartyProposesReplacesAndDeletesItsOwnPlan()
    {
        var c = await EscalatedAsync(take: true);
        await Disputes.ProposePlanAsync(c.Buyer, ActorRole.Buyer, c.Id, await app.VersionAsync(c.Id), RefundKind.RefundOnly, 24.99m, "Full");
        await Disputes.ProposePlanAsync(c.Seller, ActorRole.Seller, c.Id, await app.VersionAsync(c.Id), RefundKind.RefundOnly, 5m, null);
        await Disputes.ProposePlanAsync(c.Arbiter, ActorRole.Arbiter, c.Id, await app.VersionAsync(c.Id), RefundKind.RefundOnly, 12m, "Half");
        await Disputes.ProposePlanAsync(c.Buyer, ActorRole.Buyer, c.Id, await app.VersionAsync(c.Id), RefundKind.RefundOnly, 18m, "Meet me");
        await Disputes.DeletePlanAsync(c.Seller, ActorRole.Seller, c.Id, await app.VersionAsync(c.Id));

        var view = (await app.Get<RefundQueries>().DetailsAsync(c.Buyer, c.Id))!;
        Assert.Equal(1800, view.CurrentPlan(ActorRole.Buyer)!.Amount.Minor);
        Assert.Null(view.CurrentPlan(ActorRole.Seller));
        Assert.Equal(1200, view.CurrentPlan(ActorRole.Arbiter)!.Amount.Minor);
        Assert.Equal(["Replaced", "Deleted"], view.Plans.Where(p => !p.IsCurrent).Select(p => p.EndedAs!));
        Assert.Contains(await app.TimelineAsync(c.Id), e => e.Kind == TimelineEventKind.PlanDeleted && e.ActorRole == ActorRole.Seller);
    }

    [Fact]
    public async Task APlanAboveTheLimitOrOnesOwnAcceptanceIsRefusedAndChangesNothing()
    {
        var c = await EscalatedAsync();
        var before = await app.SnapshotAsync(c.Id);

        var error = await Assert.ThrowsAsync<RefundValidationException>(() =>
            Disputes.ProposePlanAsync(c.Buyer, ActorRole.Buyer, c.Id, before.Version, RefundKind.RefundOnly, 25.00m, null));
        Assert.Equal("The amount cannot be more than USD 24.99.", error.Errors["Amount"]);
        Assert.Equal(before, await app.SnapshotAsync(c.Id));

        await Disputes.ProposePlanAsync(c.Buyer, ActorRole.Buyer, c.Id, before.Version, RefundKind.RefundOnly, 20m, null);
        var current = await app.VersionAsync(c.Id);
        var own = await Assert.ThrowsAsync<DomainException>(() =>
            Disputes.AcceptPlanAsync(c.Buyer, ActorRole.Buyer, c.Id, current, ActorRole.Buyer));
        Assert.Equal("You cannot accept your own plan.", own.Message);
        Assert.Equal(RefundStatus.PlatformIntervention, (await app.LoadAsync(c.Id)).Status);
    }

    [Fact]
    public async Task AcceptingThePlatformsPartialPlanRefundsThatAmount()
    {
        var c = await EscalatedAsync(take: true);
        await Disputes.ProposePlanAsync(c.Arbiter, ActorRole.Arbiter, c.Id, await app.VersionAsync(c.Id), RefundKind.RefundOnly, 12.5m, "Partial");

        await Disputes.AcceptPlanAsync(c.Buyer, ActorRole.Buyer, c.Id, await app.VersionAsync(c.Id), ActorRole.Arbiter);

        var request = await app.LoadAsync(c.Id);
        Assert.Equal(RefundStatus.Refunded, request.Status);
        Assert.Equal(1250, request.Payout!.AmountMinor);
        Assert.Equal(1250, request.Order.RefundedTotalMinor);
    }

    [Fact]
    public async Task AcceptingAReturnPlanSendsTheGoodsToTheSellersDefaultAddress()
    {
        var c = await EscalatedAsync();
        await app.Get<RefundPortal.Features.Returns.ReturnAddressService>().AddAsync(c.Seller, OrderFactory.Warehouse, makeDefault: true);
        await Disputes.ProposePlanAsync(c.Buyer, ActorRole.Buyer, c.Id, await app.VersionAsync(c.Id), RefundKind.ReturnAndRefund, 24.99m, null);

        await Disputes.AcceptPlanAsync(c.Seller, ActorRole.Seller, c.Id, await app.VersionAsync(c.Id), ActorRole.Buyer);

        var request = await app.LoadAsync(c.Id);
        Assert.Equal(RefundStatus.AwaitingReturn, request.Status);
        Assert.Equal(OrderFactory.Warehouse, request.ReturnAddress);
    }

    [Fact]
    public async Task TwoArbitersTakingOneCaseAtOnceLeaveOneHolder()
    {
        for (var round = 0; round < 5; round++)
        {
            var c = await EscalatedAsync();
            var second = await app.NewUserAsync("arbiter", Roles.Arbiter);
            var version = await app.VersionAsync(c.Id);
            var results = await Task.WhenAll(Attempt(c.Arbiter), Attempt(second));

            Assert.Single(results, r => r is null);
            Assert.Single(results, r => r is ConcurrencyConflictException or DomainException);
            var holder = (await app.LoadAsync(c.Id)).ArbiterId;
            Assert.Contains(holder, new[] { c.Arbiter.Id, second.Id });
            Assert.Single(await app.TimelineAsync(c.Id), e => e.Kind == TimelineEventKind.CaseTaken);

            async Task<Exception?> Attempt(CurrentUser arbiter)
            {
                await Task.Yield();
                try { await Disputes.TakeCaseAsync(arbiter, c.Id, version); return null; }
                catch (Exception e) { return e; }
            }
        }
    }

    [Fact]
    public async Task ARulingExecutesExactlyOnceEvenWhenIssuedTwiceAtOnce()
    {
        var c = await EscalatedAsync(take: true);
        var version = await app.VersionAsync(c.Id);

        var results = await Task.WhenAll(Rule(), Rule());

        Assert.Single(results, r => r is null);
        Assert.Equal(1, await app.PaymentCountAsync(c.Id));
        var request = await app.LoadAsync(c.Id);
        Assert.Equal(RefundStatus.Refunded, request.Status);
        Assert.Equal(2000, request.Payout!.AmountMinor);
        Assert.Single(request.Timeline, e => e.Kind == TimelineEventKind.Ruled);

        async Task<Exception?> Rule()
        {
            await Task.Yield();
            try { await Disputes.RuleAsync(c.Arbiter, c.Id, version, RulingOutcome.PartialRefund, 20m, false, "Minor scratch."); return null; }
            catch (Exception e) { return e; }
        }
    }

    [Fact]
    public async Task MessagesRunFromTheFirstApplicationWithCheckedAttachments()
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        var id = await app.ApplyReturnAsync(buyer, await app.PlaceOrderAsync(buyer, seller));
        var version = await app.VersionAsync(id);

        await Disputes.PostMessageAsync(buyer, ActorRole.Buyer, id, "Photos of the zip attached.", [OrderFactory.Photo("zip.png")]);
        await Disputes.PostMessageAsync(seller, ActorRole.Seller, id, "Thanks, checking.", []);
        var html = await Assert.ThrowsAsync<RefundValidationException>(() =>
            Disputes.PostMessageAsync(seller, ActorRole.Seller, id, "See page", [UploadedFile.FromBytes("page.png", OrderFactory.Html())]));
        Assert.Contains("is not a JPEG, PNG, WebP or PDF file", html.Errors["Evidence"]);

        var view = (await app.Get<RefundQueries>().DetailsAsync(seller, id))!;
        Assert.Equal(["Photos of the zip attached.", "Thanks, checking."], view.Messages.Select(m => m.Text));
        Assert.Equal("zip.png", Assert.Single(view.Messages[0].Attachments).FileName);
        Assert.Single(view.Evidence);
        Assert.Equal(version, view.Version);
    }

    [Fact]
    public async Task MessageAttachmentsStopAtTheRequestsCapAndRefusedFilesAreNotKept()
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        var id = await app.ApplyReturnAsync(buyer, await app.PlaceOrderAsync(buyer, seller));
        for (var i = 0; i < RefundRequest.MaxMessageAttachments / RefundRequest.MaxEvidenceFiles; i++)
            await Disputes.PostMessageAsync(i % 2 == 0 ? buyer : seller, i % 2 == 0 ? ActorRole.Buyer : ActorRole.Seller, id, $"Photos {i}",
                [.. Enumerable.Range(1, RefundRequest.MaxEvidenceFiles).Select(n => OrderFactory.Photo($"{i}-{n}.png"))]);
        var stored = Directory.GetFiles(app.EvidenceFolder).Length;

        var refused = await Assert.ThrowsAsync<RefundValidationException>(() =>
            Disputes.PostMessageAsync(buyer, ActorRole.Buyer, id, "One more photo", [OrderFactory.Photo("extra.png")]));

        Assert.Equal($"Messages on a refund carry at most {RefundRequest.MaxMessageAttachments} files in all: no more can be attached.",
            refused.Errors[Fields.Evidence]);
        Assert.Equal(stored, Directory.GetFiles(app.EvidenceFolder).Length);
        var view = (await app.Get<RefundQueries>().DetailsAsync(buyer, id))!;
        Assert.Equal(RefundRequest.MaxMessageAttachments, view.Messages.Sum(m => m.Attachments.Count));
    }

    [Fact]
    public async Task MessagesStopAtTheRefundsCap()
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        var id = await app.ApplyReturnAsync(buyer, await app.PlaceOrderAsync(buyer, seller));
        await using (var db = app.NewDb())
        {
            var request = await db.RefundRequests.Include(r => r.Messages).SingleAsync(r => r.Id == id);
            for (var i = 1; i < RefundRequest.MaxMessages; i++) request.PostMessage(buyer.As(ActorRole.Buyer), $"Message {i}", [], app.Now());
            await db.SaveChangesAsync();
        }
        await Disputes.PostMessageAsync(seller, ActorRole.Seller, id, "The last one.", []);

        var refused = await Assert.ThrowsAsync<RefundValidationException>(() =>
            Disputes.PostMessageAsync(buyer, ActorRole.Buyer, id, "One more.", []));

        Assert.Equal($"This refund has reached {RefundRequest.MaxMessages} messages: no more can be added.", refused.Errors[Fields.Message]);
        await using var check = app.NewDb();
        Assert.Equal(RefundRequest.MaxMessages, await check.Set<RefundMessage>().CountAsync(m => m.RefundRequestId == id));
    }
}

/// <summary>On SQLite, the embedded default.</summary>
public sealed class DisputeServiceTestsOnSqlite(TestApp app) : DisputeServiceTests<TestApp>(app);

/// <summary>The same tests on PostgreSQL.</summary>
public sealed class DisputeServiceTestsOnPostgreSql(PostgresTestApp app) : DisputeServiceTests<PostgresTestApp>(app);
