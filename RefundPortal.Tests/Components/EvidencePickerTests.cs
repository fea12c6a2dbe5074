using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using RefundPortal.Features.Refunds;
using RefundPortal.Features.Refunds.Evidence;
using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Components;

public sealed class EvidencePickerTests(TestApp app) : IClassFixture<TestApp>
{
    private static InputFileContent[] Pngs(int count) =>
        [.. Enumerable.Range(1, count).Select(i => InputFileContent.CreateFromBinary(SampleFiles.Png, $"{i}.png", contentType: "image/png"))];

    [Theory]
    [InlineData(0, 6)]
    [InlineData(0, 7)]
    [InlineData(0, 40)]
    [InlineData(3, 3)]
    public async Task PickingMoreFilesThanAllowedSaysSoAndReadsNone(int held, int picked)
    {
        await using var context = MudTestContext.Create(app, await app.UserAsync("buyer@example.com"));
        var picker = context.Render<EvidencePicker>(p => p.Add(x => x.Files, []));
        if (held > 0) picker.FindComponent<InputFile>().UploadFiles(Pngs(held));
        picker.WaitForAssertion(() => Assert.Equal(held, picker.Instance.Files.Count));

        picker.FindComponent<InputFile>().UploadFiles(Pngs(picked));

        picker.WaitForAssertion(() => Assert.Equal("Add at most 5 evidence files.", picker.Find("[data-testid=error-Evidence]").TextContent.Trim()));
        Assert.Equal(held, picker.Instance.Files.Count);
    }
}
