using System.Net;
using RefundPortal.Tests.Support;
using static RefundPortal.Tests.Support.OrderFactory;

namespace RefundPortal.Tests.Features.Refunds;

/// <summary>`GET /evidence/{id}` on the real app over HTTP.</summary>
public sealed class EvidenceEndpointTests(ServedTestApp app) : IClassFixture<ServedTestApp>
{
    [Fact]
    public async Task AnEvidenceRowWhoseFileIsMissingAnswers404ToItsOwner()
    {
        var buyer = await app.UserAsync(BuyerEmail);
        var order = await app.PlaceOrderAsync(buyer, await app.UserAsync(SellerEmail), OrderStage.Delivered);
        var evidence = Assert.Single((await app.LoadAsync(await app.ApplyReturnAsync(buyer, order))).Evidence);
        using var http = await app.SignedInAsync(BuyerEmail);
        using (var served = await http.GetAsync($"/evidence/{evidence.Id}"))
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);

        File.Delete(Path.Combine(app.EvidenceFolder, evidence.StoredName));
        using var missing = await http.GetAsync($"/evidence/{evidence.Id}");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
