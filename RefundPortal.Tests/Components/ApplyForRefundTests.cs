using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RefundPortal.Domain;
using RefundPortal.Features.Refunds;
using RefundPortal.Features.Refunds.Pages;
using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Components;

public sealed class ApplyForRefundTests(TestApp app) : IClassFixture<TestApp>
{
    private async Task<(BunitContext Context, IRenderedComponent<ApplyForRefund> Page, int OrderId)> OpenOnDeliveredOrderAsync()
    {
        var buyer = await app.UserAsync("buyer@example.com");
        await using var db = app.NewDb();
        var orderId = await db.Orders.Where(o => o.BuyerId == buyer.Id && o.DeliveredAt != null && o.Status == OrderStatus.Shipped)
            .OrderBy(o => o.Id).Select(o => o.Id).FirstAsync();
        // These tests share the order: each starts without what another's page may have kept as a draft.
        await db.ApplicationDrafts.Where(d => d.UserId == buyer.Id).ExecuteDeleteAsync();
        var context = MudTestContext.Create(app, buyer);
        var page = context.Render<ApplyForRefund>(p => p.Add(x => x.OrderId, orderId));
        page.WaitForElement("[data-testid=step-items]");
        return (context, page, orderId);
    }

    [Fact]
    public async Task NextWithoutAnItemSaysSelectAtLeastOne()
    {
        var (context, page, _) = await OpenOnDeliveredOrderAsync();
        await using var _ctx = context;

        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Trim() == "Next").Click());

        Assert.Equal("Select at least one item.", page.Find("[data-testid=error-Lines]").TextContent.Trim());
        Assert.NotNull(page.Find("[data-testid=step-items]"));
    }

    [Fact]
    public async Task NextWithoutAnswersGivesTheServersMessagesNextToTheirFields()
    {
        var (context, page, _) = await OpenOnDeliveredOrderAsync();
        await using var _ctx = context;
        await SelectTheFirstLineAndGoOnAsync(page);
        await page.InvokeAsync(() => page.Find("[data-testid=refund-amount]").Change(""));

        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Trim() == "Next").Click());

        // Goods received is preselected for a delivered order; the kind, the amount and the reason are left unanswered.
        var server = new RefundForm([new LineChoice(1, 1)], true, null, null, false, null, null).MissingAnswers("USD");
        Assert.Equal([Fields.Amount, Fields.Kind, Fields.Reason], server.Keys.Order());
        Assert.Equal(UserMessages.ChooseReason, server[Fields.Reason]);
        page.WaitForAssertion(() =>
        {
            Assert.Contains(UserMessages.ChooseReason, page.Find(".mud-input-control:has([data-testid=refund-reason])").TextContent);
            Assert.Equal(server[Fields.Kind], page.Find($"[data-testid=error-{Fields.Kind}]").TextContent.Trim());
            Assert.Contains(server[Fields.Amount], page.Find(".mud-input-control:has([data-testid=refund-amount])").TextContent);
        });
        Assert.NotNull(page.Find("[data-testid=step-agreement]"));
    }

    [Fact]
    public async Task TheAgreementStepIsCheckedByTheServersRulesBeforeTheReviewAndNothingIsSaved()
    {
        var (context, page, orderId) = await OpenOnDeliveredOrderAsync();
        await using var _ctx = context;
        await using var before = app.NewDb();
        var requestsBefore = await before.RefundRequests.CountAsync(r => r.OrderId == orderId);

        await SelectTheFirstLineAndGoOnAsync(page);
        // Goods received is preselected for a delivered order; choose a return, leave description and evidence empty.
        await page.InvokeAsync(() => page.FindAll("label.mud-radio").Single(l => l.TextContent.Contains("Need to return the goods")).QuerySelector("input")!.Click());
        await page.InvokeAsync(() => page.Find("[data-testid=refund-amount]").Change("99999"));
        var select = page.FindComponent<MudBlazor.MudSelect<RefundReason?>>();
        await page.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(RefundReason.QualityProblem));

        // "Next" on the agreement asks the rules that will judge the application: USD 999.99 over the cap, and a
        // quality problem with no description or evidence, never reach the review.
        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Trim() == "Next").Click());

        page.WaitForAssertion(() =>
        {
            Assert.Contains("The refund amount cannot be more than", page.Find(".mud-input-control:has([data-testid=refund-amount])").TextContent);
            Assert.Contains("Describe the problem with the goods you received.", page.Find(".mud-input-control:has([data-testid=refund-description])").TextContent);
            Assert.Equal("Add at least one photo or document as evidence.", page.Find("[data-testid=error-Evidence]").TextContent.Trim());
        });
        Assert.NotNull(page.Find("[data-testid=step-agreement]"));
        Assert.Empty(page.FindAll("[data-testid=step-review]"));
        await using var after = app.NewDb();
        Assert.Equal(requestsBefore, await after.RefundRequests.CountAsync(r => r.OrderId == orderId));
    }

    /// <summary>
    /// Selects the first line and moves on once the draft was first saved: that save renders the page (its status line
    /// appears), which would otherwise land between a test's find and its click.
    /// </summary>
    private static async Task SelectTheFirstLineAndGoOnAsync(IRenderedComponent<ApplyForRefund> page)
    {
        await page.InvokeAsync(() => page.Find("[data-testid=refund-line] input[type=checkbox]").Change(true));
        page.WaitForElement("[data-testid=draft-status]", TimeSpan.FromSeconds(10));
        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Trim() == "Next").Click());
        page.WaitForElement("[data-testid=step-agreement]");
    }

    /// <summary>Types as a person does (the field is debounced) and leaves the field, which hands the text over at once.</summary>
    private static void TypeDescription(IRenderedComponent<ApplyForRefund> page, string text)
    {
        page.Find("[data-testid=refund-description]").Input(text);
        page.Find("[data-testid=refund-description]").Blur();
    }

    /// <summary>Step 1 on the first line, then a return for a quality problem with a description and one picked PNG; returns its temporary file.</summary>
    private static async Task<string> FillTheAgreementWithAFileAsync(IRenderedComponent<ApplyForRefund> page)
    {
        page.WaitForElement("[data-testid=step-items]");
        await SelectTheFirstLineAndGoOnAsync(page);
        await page.InvokeAsync(() => page.FindAll("label.mud-radio").Single(l => l.TextContent.Contains("Need to return the goods")).QuerySelector("input")!.Click());
        var select = page.FindComponent<MudBlazor.MudSelect<RefundReason?>>();
        await page.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(RefundReason.QualityProblem));
        TypeDescription(page, "The zip broke.");
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(SampleFiles.Png, "zip.png", contentType: "image/png"));
        page.WaitForAssertion(() => Assert.Contains("zip.png", page.Find("[data-testid=step-agreement]").TextContent));
        return page.FindComponent<EvidencePicker>().Instance.Files[0].TempPath;
    }

    [Fact]
    public async Task CheckingTheAgreementWritesNoEvidenceAndKeepsThePickedFile()
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        var order = await app.PlaceOrderAsync(buyer, seller);
        await using var context = MudTestContext.Create(app, buyer);
        var page = context.Render<ApplyForRefund>(p => p.Add(x => x.OrderId, order.Id));
        var upload = await FillTheAgreementWithAFileAsync(page);
        var store = app.Get<RefundPortal.Features.Refunds.Evidence.EvidenceStore>().Folder;
        int Stored() => Directory.Exists(store) ? Directory.EnumerateFiles(store, "*", SearchOption.AllDirectories).Count() : 0;
        var stored = Stored();
        await page.InvokeAsync(() => page.Find("[data-testid=refund-amount]").Change("99999"));

        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Trim() == "Next").Click());

        page.WaitForAssertion(() => Assert.Contains("The refund amount cannot be more than",
            page.Find(".mud-input-control:has([data-testid=refund-amount])").TextContent));
        Assert.Equal(stored, Stored());
        Assert.True(File.Exists(upload));
        Assert.Contains("zip.png", page.Find("[data-testid=step-agreement]").TextContent);

        // Put right, the same file goes on to the review.
        await page.InvokeAsync(() => page.Find("[data-testid=refund-amount]").Change("59"));
        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Trim() == "Next").Click());
        page.WaitForElement("[data-testid=step-review]");
        Assert.Equal(stored, Stored());
    }

    [Fact]
    public async Task AShippedOrderNotYetTenDaysOutSaysFromWhen()
    {
        var buyer = await app.UserAsync("buyer@example.com");
        await using var db = app.NewDb();
        var order = await db.Orders.Where(o => o.BuyerId == buyer.Id && o.Status == OrderStatus.Shipped && o.DeliveredAt == null)
            .OrderByDescending(o => o.ShippedAt).FirstAsync();
        await using var context = MudTestContext.Create(app, buyer);

        var page = context.Render<ApplyForRefund>(p => p.Add(x => x.OrderId, order.Id));

        page.WaitForAssertion(() => Assert.Equal($"Available from {order.ShippedAt!.Value.AddDays(10).Day()}",
            page.Find("[data-testid=apply-blocked]").TextContent.Trim()));
    }

    [Fact]
    public async Task AFilePickedOnTheAgreementStepIsSavedOnSubmitAndItsTemporaryFileGoesWithThePage()
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        var order = await app.PlaceOrderAsync(buyer, seller);
        var context = MudTestContext.Create(app, buyer);
        var page = context.Render<ApplyForRefund>(p => p.Add(x => x.OrderId, order.Id));
        var upload = await FillTheAgreementWithAFileAsync(page);
        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Trim() == "Next").Click());
        page.WaitForElement("[data-testid=step-review]");
        Assert.True(File.Exists(upload));

        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Trim() == "Submit Application").Click());

        var navigation = context.Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() => Assert.Contains("/refunds/", navigation.Uri), TimeSpan.FromSeconds(10));
        await using var db = app.NewDb();
        var request = await db.RefundRequests.Include(r => r.Evidence).SingleAsync(r => r.OrderId == order.Id);
        var stored = Assert.Single(request.Evidence);
        Assert.Equal(("zip.png", "image/png"), (stored.FileName, stored.ContentType));
        Assert.Equal(SampleFiles.Png, await File.ReadAllBytesAsync(Path.Combine(app.EvidenceFolder, stored.StoredName)));
        await context.DisposeAsync();
        Assert.False(File.Exists(upload));
    }

    [Fact]
    public async Task WhatTheBuyerEnteredComesBackInANewPageUntilDiscarded()
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        var order = await app.PlaceOrderAsync(buyer, seller);
        var context = MudTestContext.Create(app, buyer);
        var page = context.Render<ApplyForRefund>(p => p.Add(x => x.OrderId, order.Id));
        await FillTheAgreementWithAFileAsync(page);
        TypeDescription(page, "Kept across a reload.");
        // Saved within a second of the change.
        page.WaitForAssertion(() => Assert.Equal("Draft saved", page.Find("[data-testid=draft-status]").TextContent.Trim()), TimeSpan.FromSeconds(10));
        // bUnit's waits look again only when the page renders, and a later save does not render: poll the database.
        for (var tries = 0; !DraftJson().Contains("Kept across a reload.") && tries < 100; tries++) await Task.Delay(100);
        Assert.Contains("Kept across a reload.", DraftJson());
        await context.DisposeAsync();

        await using var again = MudTestContext.Create(app, buyer);
        var dialogs = again.Render<MudBlazor.MudDialogProvider>();
        var reloaded = again.Render<ApplyForRefund>(p => p.Add(x => x.OrderId, order.Id));

        reloaded.WaitForElement("[data-testid=draft-restored]");
        Assert.NotNull(reloaded.Find("[data-testid=step-agreement]"));
        Assert.Equal("Kept across a reload.", reloaded.Find("[data-testid=refund-description]").GetAttribute("value"));
        Assert.Equal("zip.png", Assert.Single(reloaded.FindComponent<EvidencePicker>().Instance.Files).FileName);

        var kept = System.Text.RegularExpressions.Regex.Match(DraftJson(), "\"storedName\":\"([0-9a-f]{32})\"").Groups[1].Value;
        var keptFile = Path.Combine(app.EvidenceFolder + "-drafts", kept);
        Assert.True(File.Exists(keptFile));
        await reloaded.InvokeAsync(() => reloaded.Find("[data-testid=discard-draft]").Click());
        dialogs.WaitForAssertion(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Discard").Click());

        reloaded.WaitForElement("[data-testid=step-items]");
        Assert.Empty(reloaded.FindAll("[data-testid=draft-restored]"));
        await using var db = app.NewDb();
        Assert.False(await db.ApplicationDrafts.AnyAsync(d => d.UserId == buyer.Id));
        Assert.False(File.Exists(keptFile));

        string DraftJson()
        {
            using var db = app.NewDb();
            return db.ApplicationDrafts.Where(d => d.UserId == buyer.Id).Select(d => d.Answers).SingleOrDefault() ?? "";
        }
    }
}
