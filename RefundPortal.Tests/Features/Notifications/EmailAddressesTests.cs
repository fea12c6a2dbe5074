using RefundPortal.Features.Notifications.Email;

namespace RefundPortal.Tests.Features.Notifications;

public sealed class EmailAddressesTests
{
    [Theory]
    [InlineData("buyer@example.com")]
    [InlineData("first.last+tag@sub.example.co.uk")]
    public void APlainAddressIsDeliverable(string address) => Assert.True(EmailAddresses.IsDeliverable(address));

    [Theory]
    [InlineData("a(b@example.com")]
    [InlineData("Bella <bella@example.com>")]
    [InlineData("two@example.com, three@example.com")]
    [InlineData("no-at-sign")]
    [InlineData(" padded@example.com")]
    [InlineData("")]
    [InlineData(null)]
    public void WhatMailKitCannotTakeAsOneAddressIsRefused(string? address) => Assert.False(EmailAddresses.IsDeliverable(address));

    [Theory]
    [InlineData("deleted-42@invalid")]
    [InlineData("someone@mail.INVALID")]
    public void AnAddressInTheReservedInvalidDomainIsNeverDeliverable(string address) => Assert.False(EmailAddresses.IsDeliverable(address));

    [Fact]
    public void AnAddressLongerThanSmtpAllowsIsRefused() =>
        Assert.False(EmailAddresses.IsDeliverable(new string('a', 250) + "@example.com"));
}
