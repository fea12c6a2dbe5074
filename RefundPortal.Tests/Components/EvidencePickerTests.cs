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
        using var files = new Uploads();
        var picker = context.Render<EvidencePicker>(p => p.Add(x => x.Files, files));
        if (held > 0) picker.FindComponent<InputFile>().UploadFiles(Pngs(held));
        picker.WaitForAssertion(() => Assert.Equal(held, picker.Instance.Files.Count));

        picker.FindComponent<InputFile>().UploadFiles(Pngs(picked));

        picker.WaitForAssertion(() => Assert.Equal("Add at most 5 evidence files.", picker.Find("[data-testid=error-Evidence]").TextContent.Trim()));
        Assert.Equal(held, picker.Instance.Files.Count);
    }

    [Fact]
    public async Task PickedFilesStreamToTemporaryFilesAndRemovingOneDeletesIt()
    {
        await using var context = MudTestContext.Create(app, await app.UserAsync("buyer@example.com"));
        using var files = new Uploads();
        var picker = context.Render<EvidencePicker>(p => p.Add(x => x.Files, files));

        picker.FindComponent<InputFile>().UploadFiles(
            InputFileContent.CreateFromBinary(SampleFiles.Png, "zip.png", contentType: "image/png"),
            InputFileContent.CreateFromBinary(SampleFiles.Pdf, "receipt.pdf", contentType: "application/pdf"));
        picker.WaitForAssertion(() => Assert.Equal(2, files.Count));

        Assert.All(files, f => Assert.Equal(app.Get<EvidenceStore>().UploadFolder, Path.GetDirectoryName(f.TempPath)));
        Assert.Equal(["zip.png", "receipt.pdf"], files.Select(f => f.FileName));
        Assert.Equal([SampleFiles.Png.Length, SampleFiles.Pdf.Length], files.Select(f => f.Length));
        Assert.Equal(SampleFiles.Pdf, await File.ReadAllBytesAsync(files[1].TempPath));
        var (removed, kept) = (files[0].TempPath, files[1].TempPath);

        picker.FindAll(".mud-chip").Single(c => c.TextContent.Contains("zip.png")).QuerySelector("button")!.Click();

        Assert.Equal("receipt.pdf", Assert.Single(files).FileName);
        Assert.False(File.Exists(removed));
        Assert.True(File.Exists(kept));
    }
}
