using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using RefundPortal.Features.Refunds;
using RefundPortal.Features.Refunds.Evidence;
using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Components;

public sealed class EvidencePickerTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task MoreFilesAtOnceThanAllowedKeepsTheFirstFiveAndSaysSo()
    {
        await using var context = MudTestContext.Create(app, await app.UserAsync(OrderFactory.BuyerEmail));
        var files = new List<UploadedFile>();
        var picker = context.Render<EvidencePicker>(p => p.Add(x => x.Files, files));

        picker.FindComponent<InputFile>().UploadFiles(
            [.. Enumerable.Range(1, 12).Select(i => InputFileContent.CreateFromBinary(OrderFactory.Png(), $"{i}.png", contentType: "image/png"))]);

        picker.WaitForAssertion(() => Assert.Equal("Add at most 5 evidence files.", picker.Find("[data-testid=error-Evidence]").TextContent.Trim()));
        Assert.Equal(["1.png", "2.png", "3.png", "4.png", "5.png"], files.Select(f => f.FileName));
    }
}
