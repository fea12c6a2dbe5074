using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Features.Accounts;

/// <summary>
/// The real app for the account pages' HTTP tests, its links configured to a public address of its own so a link
/// taken from the request (127.0.0.1, or a forged Host) shows.
/// </summary>
public sealed class AccountsApp : IAsyncLifetime
{
    public const string PublicBaseUrl = "https://portal.example.test/";

    public AppServer App { get; private set; } = null!;

    public async Task InitializeAsync() => App = await AppServer.StartAsync(new Dictionary<string, string>
    {
        ["App:BaseUrl"] = PublicBaseUrl,
    });

    public async Task DisposeAsync() => await App.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class AccountsCollection : ICollectionFixture<AccountsApp>
{
    public const string Name = "Accounts over HTTP";
}
