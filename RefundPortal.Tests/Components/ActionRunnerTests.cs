using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RefundPortal.Domain;
using RefundPortal.Features.Refunds.Pages;
using RefundPortal.Features.Shared;
using RefundPortal.Tests.Support;
using static RefundPortal.Tests.Support.OrderFactory;

namespace RefundPortal.Tests.Components;

/// <summary>The last-resort path of every action: an unexpected failure is shown with a reference and logged under it.</summary>
public sealed class ActionRunnerTests(TestApp app) : IClassFixture<TestApp>
{
    private static readonly Regex Failed = new(@"^Something went wrong\. Nothing was changed\. Reference: ([0-9A-F]{12})$");

    [Fact]
    public async Task AMoveTheDatabaseFailsShowsAReferenceTheLogHasAndThePageStaysUsable()
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.Delivered);
        var id = await app.ApplyRefundOnlyAsync(buyer, order);
        var before = await app.SnapshotAsync(id);
        var log = new LogCapture();
        await using var context = MudTestContext.Create(app, seller);
        log.LogFor(context.Services);
        var page = context.Render<RefundDetails>(p => p.Add(x => x.Id, id));
        page.WaitForElement("[data-testid=refund-actions]");
        Button(page, "Refuse Refund").Click();
        page.Find("[data-testid=refuse-reason]").Change("The seal is broken: it was used.");

        // The notifications written with the refusal cannot be saved: the whole change must roll back.
        await using (await TableOutage.StartAsync(app, "Notifications"))
        {
            Button(page.Find("[data-testid=refuse-panel]"), "Refuse Refund").Click();
            page.WaitForAssertion(() => Assert.Matches(Failed, page.Find("[data-testid=action-message]").TextContent.Trim()), TimeSpan.FromSeconds(10));
        }

        var reference = Failed.Match(page.Find("[data-testid=action-message]").TextContent.Trim()).Groups[1].Value;
        var logged = Assert.Single(log.Entries, e => e.Level == LogLevel.Error && e.Message.Contains(reference));
        Assert.Contains("Notifications", logged.Exception?.ToString());
        Assert.Equal(before, await app.SnapshotAsync(id));

        // Still interactive: the panel kept what was typed, and the same move now goes through.
        Button(page.Find("[data-testid=refuse-panel]"), "Refuse Refund").Click();
        page.WaitForAssertion(() => Assert.Equal(RefundStatus.SellerRefused.Label(), page.Find("[data-testid=refund-status]").TextContent.Trim()),
            TimeSpan.FromSeconds(10));
        Assert.Empty(page.FindAll("[data-testid=action-message]"));
    }

    [Fact]
    public async Task APanelWhoseDataCannotBeReadSaysSoWithAReferenceAndThePageStaysUsable()
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.Delivered);
        var id = await app.ApplyReturnAsync(buyer, order);
        await using var context = MudTestContext.Create(app, seller);
        var page = context.Render<RefundDetails>(p => p.Add(x => x.Id, id));
        page.WaitForElement("[data-testid=refund-actions]");

        // "Agree" on a return opens the address panel, which reads the seller's address book.
        await using (await TableOutage.StartAsync(app, "ReturnAddresses"))
        {
            Button(page, "Agree to Refund Agreement").Click();
            page.WaitForAssertion(() => Assert.Matches(Failed, page.Find("[data-testid=address-panel-message]").TextContent.Trim()),
                TimeSpan.FromSeconds(10));
        }

        Button(page, "Cancel").Click();
        Button(page, "Agree to Refund Agreement").Click();
        page.WaitForAssertion(() => Assert.Contains(page.FindAll("button"), b => b.TextContent.Trim() == "Submit and Notify Buyer"),
            TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task ACircuitClosingDuringAnActionIsNotReportedAsAFailure()
    {
        var log = new LogCapture();
        var services = new ServiceCollection();
        log.LogFor(services);
        services.AddScoped<ActionRunner>();
        await using var provider = services.BuildServiceProvider();
        var circuit = provider.CreateAsyncScope();
        var started = new TaskCompletionSource();

        var running = circuit.ServiceProvider.GetRequiredService<ActionRunner>().RunAsync(async ct =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, ct);
        });
        await started.Task;
        await circuit.DisposeAsync();
        var outcome = await running;

        Assert.Equal((false, null, 0), (outcome.Done, outcome.Message, outcome.Errors.Count));
        Assert.DoesNotContain(log.Entries, e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task ACancellationThatIsNotTheCircuitClosingIsAFailure()
    {
        var log = new LogCapture();
        var services = new ServiceCollection();
        log.LogFor(services);
        services.AddScoped<ActionRunner>();
        await using var provider = services.BuildServiceProvider();
        await using var circuit = provider.CreateAsyncScope();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(10));

        var outcome = await circuit.ServiceProvider.GetRequiredService<ActionRunner>().RunAsync(ct => Task.Delay(Timeout.Infinite, timeout.Token));

        var reference = Failed.Match(outcome.Message ?? "").Groups[1].Value;
        Assert.NotEmpty(reference);
        Assert.Single(log.Entries, e => e.Level == LogLevel.Error && e.Message.Contains(reference) && e.Exception is OperationCanceledException);
    }

    private static IElement Button(IRenderedComponent<RefundDetails> page, string text) =>
        page.FindAll("button").Single(b => b.TextContent.Trim() == text);

    private static IElement Button(IElement within, string text) =>
        within.QuerySelectorAll("button").Single(b => b.TextContent.Trim() == text);
}
