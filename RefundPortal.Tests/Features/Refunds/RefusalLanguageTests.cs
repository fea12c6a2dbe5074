using System.Globalization;
using RefundPortal.Domain;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Refunds;
using RefundPortal.Features.Refunds.Evidence;
using RefundPortal.Features.Returns;
using RefundPortal.Features.Shared;
using RefundPortal.Tests.Support;
using static RefundPortal.Tests.Support.OrderFactory;

namespace RefundPortal.Tests.Features.Refunds;

/// <summary>
/// The services' refusals in the language of the person refused (the circuit's culture when the call runs): the
/// evidence store's, the stale page's, the address book's. Each refusal still changes nothing.
/// </summary>
public sealed class RefusalLanguageTests(TestApp app) : IClassFixture<TestApp>
{
    private static Task<T> InAsync<T>(string culture, Func<Task<T>> call) => ActorCulture.InAsync(culture, call);

    public static TheoryData<string, string, string> Evidence => new()
    {
        { "zh-CN", "page.html", "“page.html”不是 JPEG、PNG、WebP 或 PDF 文件。" },
        { "en", "page.html", "\"page.html\" is not a JPEG, PNG, WebP or PDF file." },
    };

    [Theory]
    [MemberData(nameof(Evidence))]
    public async Task AnApplicationWithAFileThatIsNoImageIsRefusedInTheBuyersLanguageAndNothingIsSaved(string culture, string file, string expected)
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.NotShipped);
        var stored = app.EvidenceFilesOnDisk().Length;
        using var upload = UploadedFile.FromBytes(file, Html());

        var refused = await InAsync(culture, () =>
            Assert.ThrowsAsync<RefundValidationException>(() => app.Refunds().ApplyAsync(buyer, order.Id, RefundOnly(order), [upload])));

        Assert.Equal(expected, refused.Errors[Fields.Evidence]);
        await using var db = app.NewDb();
        Assert.False(db.RefundRequests.Any(r => r.OrderId == order.Id));
        Assert.Equal(stored, app.EvidenceFilesOnDisk().Length);
    }

    [Fact]
    public async Task TheEvidenceStoresOtherRefusalsComeOutInChinese()
    {
        var store = app.Get<EvidenceStore>();
        using var big = UploadedFile.FromBytes("big.jpg", Jpeg((int)EvidenceStore.MaxBytes + 1));
        using var empty = UploadedFile.FromBytes("empty.png", []);
        var photos = Enumerable.Range(0, RefundRequest.MaxEvidenceFiles + 1).Select(i => Photo($"p{i}.png")).ToList();
        try
        {
            var errors = await InAsync("zh-CN", () => Task.FromResult(new[]
            {
                store.Validate([big])[Fields.Evidence],
                store.Validate([empty])[Fields.Evidence],
                store.Validate(photos)[Fields.Evidence],
                store.Validate([photos[0]], alreadyAttached: RefundRequest.MaxEvidenceFiles)[Fields.Evidence],
            }));

            Assert.Equal(["“big.jpg”超过 5 MB。", "“empty.png”是空文件。", $"最多只能上传 {RefundRequest.MaxEvidenceFiles} 个凭证文件。",
                $"最多只能上传 {RefundRequest.MaxEvidenceFiles} 个凭证文件。"], errors);
        }
        finally
        {
            photos.ForEach(p => p.Dispose());
        }
    }

    [Theory]
    [InlineData("zh-CN", "此退款已被他人更改，页面现已显示其最新状态。")]
    [InlineData("en", "This refund was changed by someone else. The page now shows its current state.")]
    public async Task AStalePageIsRefusedInTheActorsLanguageAndNothingChanges(string culture, string expected)
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        var id = await app.ApplyRefundOnlyAsync(buyer, await app.PlaceOrderAsync(buyer, seller, OrderStage.NotShipped));
        var before = await app.SnapshotAsync(id);

        var refused = await InAsync(culture, () =>
            Assert.ThrowsAsync<ConcurrencyConflictException>(() => app.Refunds().WithdrawAsync(buyer, id, Guid.NewGuid())));

        Assert.Equal(expected, refused.Message);
        Assert.Equal(before, await app.SnapshotAsync(id));
    }

    [Theory]
    [InlineData("zh-CN", "最多只能保存 20 个退货地址。")]
    [InlineData("en", "Keep at most 20 return addresses.")]
    public async Task AFullAddressBookIsRefusedInTheSellersLanguageAndKeepsItsAddresses(string culture, string expected)
    {
        Assert.Equal(20, ReturnAddressService.MaxAddresses);
        var seller = await app.NewUserAsync("book", Roles.Seller);
        var book = app.Get<ReturnAddressService>();
        for (var i = 0; i < ReturnAddressService.MaxAddresses; i++) await book.AddAsync(seller, Warehouse, makeDefault: false);

        var refused = await InAsync(culture, () =>
            Assert.ThrowsAsync<DomainException>(() => book.AddAsync(seller, OtherWarehouse, makeDefault: false)));

        Assert.Equal(expected, refused.Message);
        Assert.Equal(ReturnAddressService.MaxAddresses, (await book.ListAsync(seller)).Count);
    }
}
