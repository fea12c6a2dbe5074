using System.Net;
using RefundPortal.Features.Security;
using RefundPortal.Tests.Support;
using FormClient = RefundPortal.Tests.Features.Security.ClientRateLimitTests.FormClient;

namespace RefundPortal.Tests.Features.Security;

/// <summary>
/// The limits at their real figures (<see cref="RateLimitSettings"/>' defaults), as an office or a mobile carrier
/// meets them: many honest people behind one address.
/// </summary>
public sealed class SharedAddressTests(SharedAddressTests.DefaultLimitsApp served) : IClassFixture<SharedAddressTests.DefaultLimitsApp>
{
    /// <summary>The app with the limits a deployment gets (the other test servers raise them far above people's pace).</summary>
    public sealed class DefaultLimitsApp : ServedApp
    {
        protected override IReadOnlyDictionary<string, string> Settings => AppServer.DefaultRateLimits;
    }

    [Fact]
    public async Task ThirtyPeopleBehindOneAddressAllLogInWithinAMinute()
    {
        string[] accounts = [OrderFactory.BuyerEmail, OrderFactory.Buyer2Email, OrderFactory.SellerEmail, OrderFactory.Seller2Email, "arbiter@example.com", "admin@example.com"];
        var office = IPAddress.Parse("127.0.5.1");
        var people = Enumerable.Range(0, 30).Select(_ => new FormClient(served.App.BaseUrl, office)).ToList();
        try
        {
            // Each opens the log-in page (whose script asks for a passkey challenge), a few mistype once, then all sign in.
            foreach (var person in people)
            {
                using var challenge = await person.PasskeyRequestOptionsAsync();
                Assert.Equal(HttpStatusCode.OK, challenge.StatusCode);
            }
            foreach (var person in people.Take(5))
            {
                using var typo = await person.LogInAsync(accounts[people.IndexOf(person) % accounts.Length], "Demo#2025");
                Assert.Contains("Invalid login attempt.", await typo.Content.ReadAsStringAsync());
            }
            var signedIn = await Task.WhenAll(people.Select((person, i) => person.LogInAsync(accounts[i % accounts.Length], "Demo#2026")));
            foreach (var response in signedIn) ClientRateLimitTests.AssertSignedIn(response);
        }
        finally
        {
            people.ForEach(p => p.Dispose());
        }
    }
}
