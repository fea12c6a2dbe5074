using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Features.Accounts;

/// <summary>
/// The real app for the account pages' HTTP tests, its links configured to a public address of its own so a link
/// taken from the request (127.0.0.1, or a forged Host) shows.
/// </summary>
public sealed class AccountsApp : ServedApp
{
    public const string PublicBaseUrl = "https://portal.example.test/";

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["App:BaseUrl"] = PublicBaseUrl,
    };
}

[CollectionDefinition(Name)]
public sealed class AccountsCollection : ICollectionFixture<AccountsApp>
{
    public const string Name = "Accounts over HTTP";
}
