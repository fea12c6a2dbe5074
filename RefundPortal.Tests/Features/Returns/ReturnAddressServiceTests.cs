using Microsoft.EntityFrameworkCore;
using RefundPortal.Domain;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Returns;
using RefundPortal.Features.Shared;
using RefundPortal.Tests.Support;
using static RefundPortal.Tests.Support.OrderFactory;

namespace RefundPortal.Tests.Features.Returns;

/// <summary>The seller's return address book: one default at all times while it has entries, scoped to its seller.</summary>
public sealed class ReturnAddressServiceTests(TestApp app) : IClassFixture<TestApp>
{
    private ReturnAddressService Service => app.Get<ReturnAddressService>();

    private static readonly AddressSnapshot Third = new("Night Desk", "+86 20 5555 6666", "3 Harbour Road", "Guangzhou", "", "", "China");

    private Task<CurrentUser> NewSellerAsync() => app.NewUserAsync("book", Roles.Seller);

    [Fact]
    public async Task TheFirstAddressBecomesTheDefaultEvenWhenNotAskedFor()
    {
        var seller = await NewSellerAsync();
        Assert.Empty(await Service.ListAsync(seller));

        var id = await Service.AddAsync(seller, Warehouse, makeDefault: false);

        var only = Assert.Single(await Service.ListAsync(seller));
        Assert.Equal((id, Warehouse, true), (only.Id, only.Address, only.IsDefault));
        await using var db = app.NewDb();
        Assert.Equal(Warehouse, await ReturnAddressService.DefaultOfAsync(db, seller.Id, default));
    }

    [Fact]
    public async Task AddingAnotherAddressKeepsTheDefaultUnlessAskedToMoveIt()
    {
        var seller = await NewSellerAsync();
        var first = await Service.AddAsync(seller, Warehouse, makeDefault: false);

        var second = await Service.AddAsync(seller, OtherWarehouse, makeDefault: false);
        Assert.Equal([(first, true), (second, false)], (await Service.ListAsync(seller)).Select(a => (a.Id, a.IsDefault)));

        var third = await Service.AddAsync(seller, Third, makeDefault: true);
        var book = await Service.ListAsync(seller);
        // The default is listed first, then the others in the order they were added.
        Assert.Equal([(third, true), (first, false), (second, false)], book.Select(a => (a.Id, a.IsDefault)));
        await using var db = app.NewDb();
        Assert.Equal(1, await db.ReturnAddresses.CountAsync(a => a.SellerId == seller.Id && a.IsDefault));
        Assert.Equal(Third, await ReturnAddressService.DefaultOfAsync(db, seller.Id, default));
    }

    [Fact]
    public async Task UpdatingChangesTheEntryAndTrimsItsFields()
    {
        var seller = await NewSellerAsync();
        var id = await Service.AddAsync(seller, Warehouse, makeDefault: true);

        await Service.UpdateAsync(seller, id, OtherWarehouse with { ContactName = "  Depot Two  ", City = " Shenzhen" });

        var entry = Assert.Single(await Service.ListAsync(seller));
        Assert.Equal(OtherWarehouse, entry.Address);
        Assert.True(entry.IsDefault);
    }

    [Fact]
    public async Task AnIncompleteAddressIsRefusedFieldByFieldAndNothingChanges()
    {
        var seller = await NewSellerAsync();
        var id = await Service.AddAsync(seller, Warehouse, makeDefault: true);

        var onUpdate = await Assert.ThrowsAsync<RefundValidationException>(() =>
            Service.UpdateAsync(seller, id, Warehouse with { Street = "", Country = " ", PostalCode = new string('9', 201) }));
        Assert.Equal(["Country", "PostalCode", "Street"], onUpdate.Errors.Keys.Order());
        var onAdd = await Assert.ThrowsAsync<RefundValidationException>(() => Service.AddAsync(seller, Warehouse with { ContactName = "" }, true));
        Assert.Equal(["ContactName"], onAdd.Errors.Keys);

        var entry = Assert.Single(await Service.ListAsync(seller));
        Assert.Equal((id, Warehouse, true), (entry.Id, entry.Address, entry.IsDefault));
    }

    [Fact]
    public async Task SettingTheDefaultMovesItToThatAddressOnly()
    {
        var seller = await NewSellerAsync();
        var first = await Service.AddAsync(seller, Warehouse, makeDefault: false);
        var second = await Service.AddAsync(seller, OtherWarehouse, makeDefault: false);
        var third = await Service.AddAsync(seller, Third, makeDefault: false);

        await Service.SetDefaultAsync(seller, second);

        Assert.Equal([(second, true), (first, false), (third, false)], (await Service.ListAsync(seller)).Select(a => (a.Id, a.IsDefault)));
        await Service.SetDefaultAsync(seller, second);
        Assert.Single(await Service.ListAsync(seller), a => a.IsDefault);
    }

    [Fact]
    public async Task DeletingTheDefaultPromotesAnotherAddress()
    {
        var seller = await NewSellerAsync();
        var first = await Service.AddAsync(seller, Warehouse, makeDefault: false);
        var second = await Service.AddAsync(seller, OtherWarehouse, makeDefault: false);
        var third = await Service.AddAsync(seller, Third, makeDefault: true);

        await Service.DeleteAsync(seller, third);

        var book = await Service.ListAsync(seller);
        Assert.Equal([first, second], book.Select(a => a.Id));
        Assert.Single(book, a => a.IsDefault);
        Assert.True(book.Single(a => a.Id == first).IsDefault);

        await Service.DeleteAsync(seller, first);
        var last = Assert.Single(await Service.ListAsync(seller));
        Assert.Equal((second, true), (last.Id, last.IsDefault));

        await Service.DeleteAsync(seller, second);
        Assert.Empty(await Service.ListAsync(seller));
        await using var db = app.NewDb();
        Assert.Null(await ReturnAddressService.DefaultOfAsync(db, seller.Id, default));
    }

    [Fact]
    public async Task DeletingAnAddressThatIsNotTheDefaultKeepsTheDefault()
    {
        var seller = await NewSellerAsync();
        var first = await Service.AddAsync(seller, Warehouse, makeDefault: true);
        var second = await Service.AddAsync(seller, OtherWarehouse, makeDefault: false);

        await Service.DeleteAsync(seller, second);

        var only = Assert.Single(await Service.ListAsync(seller));
        Assert.Equal((first, true), (only.Id, only.IsDefault));
    }

    [Fact]
    public async Task AnotherSellersAddressIsNotFoundAndStaysAsItWas()
    {
        var owner = await NewSellerAsync();
        var intruder = await NewSellerAsync();
        var kept = await Service.AddAsync(intruder, Third, makeDefault: true);
        var first = await Service.AddAsync(owner, Warehouse, makeDefault: true);
        var second = await Service.AddAsync(owner, OtherWarehouse, makeDefault: false);
        var before = await Service.ListAsync(owner);

        await Assert.ThrowsAsync<NotFoundException>(() => Service.UpdateAsync(intruder, first, Third));
        await Assert.ThrowsAsync<NotFoundException>(() => Service.SetDefaultAsync(intruder, second));
        await Assert.ThrowsAsync<NotFoundException>(() => Service.DeleteAsync(intruder, first));
        await Assert.ThrowsAsync<NotFoundException>(() => Service.DeleteAsync(owner, int.MaxValue));

        Assert.Equal(before, await Service.ListAsync(owner));
        var theirs = Assert.Single(await Service.ListAsync(intruder));
        Assert.Equal((kept, Third, true), (theirs.Id, theirs.Address, theirs.IsDefault));
        Assert.DoesNotContain(await Service.ListAsync(await app.UserAsync(SellerEmail)), a => a.Id == first || a.Id == second);
    }

    [Fact]
    public async Task TheAddressBookNeedsTheSellerRole()
    {
        var buyer = await app.UserAsync(BuyerEmail);
        var sellersAddress = (await Service.ListAsync(await app.UserAsync(SellerEmail))).First().Id;

        await Assert.ThrowsAsync<ForbiddenException>(() => Service.ListAsync(buyer));
        await Assert.ThrowsAsync<ForbiddenException>(() => Service.AddAsync(buyer, Warehouse, true));
        await Assert.ThrowsAsync<ForbiddenException>(() => Service.UpdateAsync(buyer, sellersAddress, Warehouse));
        await Assert.ThrowsAsync<ForbiddenException>(() => Service.SetDefaultAsync(buyer, sellersAddress));
        await Assert.ThrowsAsync<ForbiddenException>(() => Service.DeleteAsync(buyer, sellersAddress));
    }

    [Fact]
    public async Task TheBookHoldsAtMostTwentyAddresses()
    {
        var seller = await NewSellerAsync();
        for (var i = 0; i < ReturnAddressService.MaxAddresses; i++)
            await Service.AddAsync(seller, Warehouse with { ContactName = $"Desk {i}" }, makeDefault: false);

        await Assert.ThrowsAsync<DomainException>(() => Service.AddAsync(seller, Third, makeDefault: true));

        var book = await Service.ListAsync(seller);
        Assert.Equal(ReturnAddressService.MaxAddresses, book.Count);
        Assert.Equal("Desk 0", Assert.Single(book, a => a.IsDefault).Address.ContactName);
    }
}
