namespace RefundPortal.Components.Account;

/// <summary>
/// Exceptions of the account pages for a broken setup or a page opened out of turn. They reach the logs and developers,
/// never a person (the error page has its own words), so they stay in English and out of the resources.
/// </summary>
internal static class AccountPageExceptions
{
    public static InvalidOperationException NoTwoFactorUser() => new("Unable to load two-factor authentication user.");

    public static NotSupportedException NoEmailStore() => new("The default UI requires a user store with email support.");
}
