using Bunit;
using Microsoft.Extensions.DependencyInjection;
using RefundPortal.Domain;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Disputes;
using RefundPortal.Features.Refunds;
using RefundPortal.Features.Refunds.Details;
using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Components;

/// <summary>Components write times in the reader's zone with the zone named, and amounts with the currency's own decimals.</summary>
public sealed class ReaderTimeComponentsTests(TestApp app) : IClassFixture<TestApp>
{
    private async Task<BunitContext> InZoneAsync(string? zone)
    {
        var context = MudTestContext.Create(app, await app.UserAsync("buyer@example.com"));
        context.Services.GetRequiredService<ReaderTime>().Use(TimeZones.Find(zone), null);
        return context;
    }

    private static TimelineView Event(TimelineEventKind kind, DateTime at) =>
        new(kind, "Bella Buyer", ActorRole.Buyer, null, RefundStatus.AwaitingSeller, null, null, at);

    [Fact]
    public async Task TheTimelineShowsTimesInTheReadersZoneNamedForTheSeason()
    {
        await using var context = await InZoneAsync("Europe/Berlin");

        var timeline = context.Render<RefundTimeline>(p => p.Add(x => x.Events, [
            Event(TimelineEventKind.Applied, new DateTime(2026, 7, 1, 12, 0, 0, DateTimeKind.Utc)),
            Event(TimelineEventKind.Modified, new DateTime(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc))]));

        var text = timeline.Find("[data-testid=timeline]").TextContent;
        Assert.Contains("1 Jul 2026 14:00 CEST", text);
        Assert.Contains("1 Dec 2026 13:00 CET", text);
        Assert.DoesNotContain("UTC", text);
    }

    [Fact]
    public async Task WithoutAZoneTheTimelineSaysUtc()
    {
        await using var context = await InZoneAsync(null);

        var timeline = context.Render<RefundTimeline>(p => p.Add(x => x.Events, [
            Event(TimelineEventKind.Applied, new DateTime(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc))]));

        Assert.Contains("1 Dec 2026 12:00 UTC", timeline.Find("[data-testid=timeline]").TextContent);
    }

    [Fact]
    public async Task AYenRefundShowsWholeYenInTheAgreementAndThePlanField()
    {
        await using var context = await InZoneAsync("Asia/Tokyo");
        var refund = SampleRefundView.For(RefundStatus.PlatformIntervention) with
        {
            Amount = new Money(4800, "JPY"), Limit = new Money(6650, "JPY"), EscalatedAt = SampleRefundView.At,
            Plans = [new PlanView(1, ActorRole.Seller, RefundKind.RefundOnly, new Money(1850, "JPY"), null, SampleRefundView.At, null, null)],
        };

        var plans = context.Render<PlansPanel>(p => p.Add(x => x.Refund, refund));

        Assert.Contains("JPY 1,850", plans.Find("[data-testid=plan-Seller]").TextContent);
        Assert.Contains("Proposed 20 Nov 2026", plans.Find("[data-testid=plan-Seller]").TextContent);
        Assert.Contains("At most JPY 6,650", plans.Markup);
        Assert.Equal("4800", plans.Find("input[data-testid=plan-amount]").GetAttribute("value"));
    }
}
