using System.Globalization;
using RefundPortal.Domain;
using RefundPortal.Tests.Support;
using static RefundPortal.Tests.Support.DomainWorld;

namespace RefundPortal.Tests.Domain;

/// <summary>The domain's refusals in the reader's language (DomainErrors), read without ASP.NET for the current UI culture.</summary>
public sealed class DomainErrorsTests
{
    private readonly DomainWorld world = new();

    private static T In<T>(string culture, Func<T> read) => ActorCulture.In(culture, read);

    private static string Refusal(string culture, Action move) => In(culture, () => Assert.ThrowsAny<DomainException>(move).Message);

    [Fact]
    public void AMoveOutOfTurnIsRefusedInTheReadersLanguageWithTheStatusNamed()
    {
        var refused = world.RequestIn(RefundStatus.SellerRefused);

        Assert.Equal("退款处于“卖家已拒绝”状态，无法同意退款。", Refusal("zh-CN", () => refused.Agree(Seller, null, world.Policy, world.Now)));
        Assert.Equal("Cannot agree to the refund while the refund is \"Seller Refused\".",
            Refusal("en", () => refused.Agree(Seller, null, world.Policy, world.Now)));
    }

    [Fact]
    public void TheWrongPartyIsToldWhoMayMoveInChinese()
    {
        var waiting = world.RequestIn(RefundStatus.AwaitingSeller);

        Assert.Equal("只有买家才能撤销申请。", Refusal("zh-CN", () => waiting.Withdraw(Seller, world.Now)));
        Assert.Equal("只有买家、卖家或受理此案的平台仲裁员才能提出方案。", In("zh-CN", () => RefundMove.ProposePlan.OnlyWho(ActorRole.Arbiter)));
        Assert.Equal("Only the buyer, the seller or the arbiter holding the case can propose a plan.",
            In("en", () => RefundMove.ProposePlan.OnlyWho(ActorRole.Arbiter)));
        Assert.Equal("请先受理案件，再作出裁决。", In("zh-CN", () => RefundMove.Rule.OnlyWho(ActorRole.Arbiter)));
    }

    [Fact]
    public void AFinishedRequestAndAStrangersReceiptAreRefusedInChinese()
    {
        var finished = world.RequestIn(RefundStatus.AwaitingSeller, RefundKind.RefundOnly);
        finished.Agree(Seller, null, world.Policy, world.Now);
        Assert.Equal("该退款已结束：不能再修改申请。", Refusal("zh-CN", () => finished.Modify(Buyer, Terms(finished.Order, RefundKind.RefundOnly, received: false), world.Policy, world.Now)));

        var shipped = world.ShippedOrder(daysAgo: 3);
        Assert.Equal("只有该订单的买家才能确认收货。", Refusal("zh-CN", () => shipped.ConfirmReceipt(SellerId, world.Now)));
        Assert.Equal("Only the buyer of this order can confirm receipt.", Refusal("en", () => shipped.ConfirmReceipt(SellerId, world.Now)));
        Assert.Equal("最多保留 4 位小数。", In("zh-CN", () => Money.TooManyDecimals("CLF")));
    }

    [Fact]
    public void ValidationMessagesPerFieldAreChineseInChinese()
    {
        var order = world.DeliveredOrder();
        var terms = Terms(order, amount: 0, description: null, evidence: []);

        var errors = In("zh-CN", () => Assert.Throws<RefundValidationException>(() => world.Apply(order, terms)).Errors);

        Assert.Equal("退款金额必须大于零。", errors[Fields.Amount]);
        Assert.Equal("请在退款说明中描述收到的商品有什么问题。", errors[Fields.Description]);
        Assert.Equal("请至少上传一张图片或一份文件作为凭证。", errors[Fields.Evidence]);
        Assert.Equal("最多保留两位小数。", In("zh-CN", () => Money.TooManyDecimals("USD")));
        Assert.Equal("JPY has no decimals.", In("en", () => Money.TooManyDecimals("JPY")));
        Assert.Equal("请选择退款原因。", In("zh-CN", () => UserMessages.ChooseReason));
    }
}
