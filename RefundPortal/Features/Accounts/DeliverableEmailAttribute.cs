using System.ComponentModel.DataAnnotations;
using RefundPortal.Features.Notifications.Email;

namespace RefundPortal.Features.Accounts;

/// <summary>
/// An email field that takes only what <see cref="EmailAddresses.IsDeliverable"/> accepts, so the account forms refuse,
/// next to the field, an address that would later fail on a message (DataAnnotations' own check lets <c>a(b@x.com</c> by).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class DeliverableEmailAttribute() : DataTypeAttribute(DataType.EmailAddress)
{
    public static string Message => AccountsText.Get("DeliverableEmail");

    // Empty is [Required]'s to report.
    public override bool IsValid(object? value) => value is null || value is string { Length: 0 } || EmailAddresses.IsDeliverable(value as string);

    public override string FormatErrorMessage(string name) => Message;
}
