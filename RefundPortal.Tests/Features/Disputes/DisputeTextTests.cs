using System.Globalization;
using RefundPortal.Domain;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Disputes;
using RefundPortal.Features.Shared;
using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Features.Disputes;

/// <summary>The refusals the disputes' services and the action runner give, in the reader's language (the circuit's culture).</summary>
public sealed class DisputeTextTests(TestApp app) : IClassFixture<TestApp>
{
    private DisputeService Disputes => app.Get<DisputeService>();

    private static Task<T> In<T>(string culture, Func<Task<T>> call) => ActorCulture.InAsync(culture, call);

    private async Task<(int Id, CurrentUser Buyer, CurrentUser Arbiter)> EscalatedAsync()
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        return (await app.EscalatedAsync(buyer, seller), buyer, await app.UserAsync("arbiter@example.com"));
    }

    [Theory]
    [InlineData("zh-CN", "请选择要添加的文件。")]
    [InlineData("en", "Choose a file to add.")]
    public async Task AddingNoEvidenceIsRefusedInTheReadersLanguage(string culture, string says)
    {
        var c = await EscalatedAsync();
        var before = (await app.LoadAsync(c.Id)).Evidence.Count;

        var refused = await In(culture, () => Assert.ThrowsAsync<RefundValidationException>(() =>
            Disputes.AddEvidenceAsync(c.Buyer, ActorRole.Buyer, c.Id, [])));

        Assert.Equal(says, refused.Errors[Fields.Evidence]);
        Assert.Equal(before, (await app.LoadAsync(c.Id)).Evidence.Count);
    }

    [Theory]
    [InlineData("zh-CN", "此案件刚刚已被他人受理或修改，页面现已显示其最新状态。")]
    [InlineData("en", "This case was just taken or changed by someone else. The page now shows its current state.")]
    public async Task TakingACaseChangedMeanwhileIsRefusedInTheReadersLanguage(string culture, string says)
    {
        var c = await EscalatedAsync();

        var refused = await In(culture, () => Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            Disputes.TakeCaseAsync(c.Arbiter, c.Id, Guid.NewGuid())));

        Assert.Equal(says, refused.Message);
        Assert.Null((await app.LoadAsync(c.Id)).ArbiterId);
    }

    [Theory]
    [InlineData("zh-CN", "该内容已不存在或已不属于您，页面现已显示最新状态。", "^操作出错，未做任何更改。参考编号：[0-9A-F]{12}$")]
    [InlineData("en", "This is no longer there, or no longer yours. The page now shows what is.", "^Something went wrong. Nothing was changed. Reference: [0-9A-F]{12}$")]
    public async Task TheActionRunnersMessagesAreInTheReadersLanguage(string culture, string notThere, string failed)
    {
        using var runner = new ActionRunner(Microsoft.Extensions.Logging.Abstractions.NullLogger<ActionRunner>.Instance);

        var gone = await In(culture, () => runner.RunAsync(_ => throw new NotFoundException()));
        var broken = await In(culture, () => runner.RunAsync(_ => throw new InvalidOperationException("A bug.")));

        Assert.Equal(notThere, gone.Message);
        Assert.Matches(failed, broken.Message);
        Assert.True(broken.Failed);
    }
}
