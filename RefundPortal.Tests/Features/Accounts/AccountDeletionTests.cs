using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RefundPortal.Data;
using RefundPortal.Domain;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Notifications;
using RefundPortal.Features.Orders;
using RefundPortal.Features.Refunds;
using RefundPortal.Features.Returns;
using RefundPortal.Tests.Support;
using static RefundPortal.Tests.Support.OrderFactory;

namespace RefundPortal.Tests.Features.Accounts;

/// <summary>
/// <see cref="AccountDeletion"/> on a real database: the person's data goes, their orders and refunds stay for the
/// other party as "Deleted user", and the account never signs in again.
/// </summary>
public sealed class AccountDeletionTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task ABuyerWithOrdersAndRefundsIsAnonymisedAndTheSellerStillSeesThem()
    {
        var (buyer, seller) = (await app.Buyer2Async(), await app.SellerAsync());
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.Delivered);
        var refundId = await app.ApplyRefundOnlyAsync(buyer, order);
        // The refusal notifies the buyer in-app and by email; an opt-out, a phone, a second login and 2FA complete the picture.
        await app.Refunds().RefuseAsync(seller, refundId, (await app.LoadAsync(refundId)).Version, "Not as described by the buyer.", []);
        var stampBefore = await WithUserAsync(buyer.Id, async (users, user) =>
        {
            await users.SetPhoneNumberAsync(user, "+44 20 7946 0000");
            await users.AddLoginAsync(user, new UserLoginInfo("Example", "buyer2-key", "Example"));
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
            return user.SecurityStamp;
        });
        await using (var db = app.NewDb())
        {
            db.EmailOptOuts.Add(new EmailOptOut { UserId = buyer.Id, Kind = nameof(TimelineEventKind.Refused) });
            await db.SaveChangesAsync();
            Assert.True(await db.Notifications.AnyAsync(n => n.UserId == buyer.Id));
            Assert.True(await db.OutboxEmails.AnyAsync(e => e.ToAddress == buyer.Email));
        }

        var outcome = await DeleteAsync(buyer.Id, DemoWorld.Password);

        Assert.Equal(AccountDeletionOutcome.Deleted, outcome);
        var refund = (await app.Get<RefundQueries>().DetailsAsync(seller, refundId))!;
        Assert.Equal((AccountDeletion.DeletedName, ""), (refund.Parties.BuyerName, refund.Parties.BuyerEmail));
        Assert.Equal(RefundStatus.SellerRefused, refund.Status);
        var sold = await app.Get<OrderQueries>().ListAsync(seller, ActorRole.Seller, new OrderListQuery(Search: order.Number));
        Assert.Equal(AccountDeletion.DeletedName, Assert.Single(sold.Items).BuyerName);
        var refunds = await app.Get<RefundQueries>().ListForSellerAsync(seller, new RefundListQuery(Search: order.Number));
        Assert.Equal(AccountDeletion.DeletedName, Assert.Single(refunds.Page.Items).CounterpartName);

        await WithUserAsync(buyer.Id, async (users, user) =>
        {
            Assert.Equal(AccountDeletion.DeletedName, user.DisplayName);
            Assert.Equal(AccountDeletion.PlaceholderEmail(buyer.Id), user.Email);
            Assert.Equal(user.Email, user.UserName);
            Assert.False(user.EmailConfirmed);
            Assert.Null(user.PhoneNumber);
            Assert.Null(user.PasswordHash);
            Assert.False(user.TwoFactorEnabled);
            Assert.NotEqual(stampBefore, user.SecurityStamp);
            Assert.Empty(await users.GetLoginsAsync(user));
            Assert.Empty(await users.GetRolesAsync(user));
            Assert.Null(await users.GetAuthenticatorKeyAsync(user));
            Assert.True(await users.IsLockedOutAsync(user));
            Assert.Null(await users.FindByEmailAsync(buyer.Email));
            return 0;
        });
        await using (var db = app.NewDb())
        {
            Assert.False(await db.Notifications.AnyAsync(n => n.UserId == buyer.Id));
            Assert.False(await db.OutboxEmails.AnyAsync(e => e.ToAddress == buyer.Email));
            Assert.False(await db.EmailOptOuts.AnyAsync(o => o.UserId == buyer.Id));
            Assert.False(await db.UserTokens.AnyAsync(t => t.UserId == buyer.Id));
            Assert.Equal(1, await db.RefundRequests.CountAsync(r => r.Id == refundId && r.BuyerId == buyer.Id));
        }
    }

    [Fact]
    public async Task TheClosedAccountCannotSignInWithItsOldOrNewAddress()
    {
        var user = await app.NewUserAsync("leaver", Roles.Buyer);

        await DeleteAsync(user.Id, DemoWorld.Password);

        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<ApplicationUser>>();
        Assert.Null(await users.FindByNameAsync(user.Email));
        var closed = (await users.FindByIdAsync(user.Id))!;
        var attempt = await signIn.CheckPasswordSignInAsync(closed, DemoWorld.Password, lockoutOnFailure: false);
        Assert.False(attempt.Succeeded);
        // Refused twice over: its placeholder address is unconfirmed (checked first), and it is locked for good.
        Assert.True(attempt.IsNotAllowed);
        Assert.True(await users.IsLockedOutAsync(closed));
    }

    [Fact]
    public async Task AWrongPasswordChangesNothing()
    {
        var user = await app.NewUserAsync("keeper", Roles.Buyer);

        var outcome = await DeleteAsync(user.Id, "Wrong#2026");

        Assert.Equal(AccountDeletionOutcome.IncorrectPassword, outcome);
        await WithUserAsync(user.Id, async (users, saved) =>
        {
            Assert.Equal(user.Email, saved.Email);
            Assert.True(await users.CheckPasswordAsync(saved, DemoWorld.Password));
            Assert.False(await users.IsLockedOutAsync(saved));
            return 0;
        });
    }

    [Fact]
    public async Task ASellersAddressBookGoesWhileTheAddressCopiedOnARequestStays()
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        await app.Get<ReturnAddressService>().AddAsync(seller, Warehouse, makeDefault: true);
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.Delivered);
        var refundId = await app.ApplyReturnAsync(buyer, order);
        await app.Refunds().AgreeAsync(seller, refundId, (await app.LoadAsync(refundId)).Version, Warehouse);

        await DeleteAsync(seller.Id, DemoWorld.Password);

        await using (var db = app.NewDb())
            Assert.False(await db.ReturnAddresses.AnyAsync(a => a.SellerId == seller.Id));
        var refund = (await app.Get<RefundQueries>().DetailsAsync(buyer, refundId))!;
        Assert.Equal(Warehouse, refund.ReturnAddress);
        Assert.Equal(AccountDeletion.DeletedName, refund.Parties.SellerName);
    }

    [Fact]
    public async Task NoMailIsQueuedForADeletedAccountWhenItsRefundMovesOn()
    {
        var (buyer, seller) = await app.NewBuyerAndSellerAsync();
        var order = await app.PlaceOrderAsync(buyer, seller, OrderStage.Delivered);
        var refundId = await app.ApplyRefundOnlyAsync(buyer, order);
        await DeleteAsync(buyer.Id, DemoWorld.Password);

        await app.Refunds().RefuseAsync(seller, refundId, (await app.LoadAsync(refundId)).Version, "Not as described by the buyer.", []);

        await using var db = app.NewDb();
        Assert.False(await db.OutboxEmails.AnyAsync(e => e.ToAddress == AccountDeletion.PlaceholderEmail(buyer.Id)));
    }

    private async Task<AccountDeletionOutcome> DeleteAsync(string userId, string password)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AccountDeletion>().DeleteAsync(userId, password);
    }

    private async Task<T> WithUserAsync<T>(string userId, Func<UserManager<ApplicationUser>, ApplicationUser, Task<T>> use)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return await use(users, (await users.FindByIdAsync(userId))!);
    }
}
