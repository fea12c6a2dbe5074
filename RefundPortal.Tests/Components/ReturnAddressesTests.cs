using System.Security.Claims;
using Bunit;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Shared;
using RefundPortal.Features.Returns;
using RefundPortal.Features.Returns.Pages;
using RefundPortal.Tests.Support;
using static RefundPortal.Tests.Support.OrderFactory;

namespace RefundPortal.Tests.Components;

/// <summary>The address book page when the world changed under it: another tab, or the account's roles.</summary>
public sealed class ReturnAddressesTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task AnAddressDeletedInAnotherTabSaysSoAndThePageShowsTheBookAsItIs()
    {
        var seller = await app.NewUserAsync("seller", Roles.Seller);
        var book = app.Get<ReturnAddressService>();
        await book.AddAsync(seller, Warehouse, makeDefault: true);
        var other = await book.AddAsync(seller, OtherWarehouse, makeDefault: false);
        await using var context = MudTestContext.Create(app, seller);
        var page = context.Render<ReturnAddresses>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=address-row]").Count));

        await book.DeleteAsync(seller, other);
        page.FindAll("button").Single(b => b.TextContent.Trim() == "Make default").Click();

        page.WaitForAssertion(() => Assert.Equal(ActionRunner.NotThere, page.Find("[data-testid=action-message]").TextContent.Trim()));
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=address-row]")));
    }

    [Fact]
    public async Task ARoleTakenAwayMidSessionSaysWhatIsMissing()
    {
        var seller = await app.NewUserAsync("seller", Roles.Seller);
        var book = app.Get<ReturnAddressService>();
        await book.AddAsync(seller, Warehouse, makeDefault: true);
        await book.AddAsync(seller, OtherWarehouse, makeDefault: false);
        await using var context = MudTestContext.Create(app, seller, out var auth);
        var page = context.Render<ReturnAddresses>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=address-row]").Count));

        // What the revalidating authentication state does when the account lost its role.
        auth.SetRoles();
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, seller.Id));
        page.FindAll("button").Single(b => b.TextContent.Trim() == "Make default").Click();

        page.WaitForAssertion(() => Assert.Equal("This needs the Seller role.", page.Find("[data-testid=action-message]").TextContent.Trim()));
        Assert.Equal(2, page.FindAll("[data-testid=address-row]").Count);
    }
}
