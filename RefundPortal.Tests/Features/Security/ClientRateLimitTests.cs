using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Features.Security;

/// <summary>
/// What one client (one address) may do per window, on the real app process, with small counts in a ten-second window
/// so the test can wait one out. Other clients are other loopback addresses (127.0.0.2, ...). The lockout of one
/// account is <c>LoginAndOrdersTests</c>'; shared addresses at the real figures are <see cref="SharedAddressTests"/>'.
/// </summary>
public sealed partial class ClientRateLimitTests(ClientRateLimitTests.TenSecondWindowApp served) : IClassFixture<ClientRateLimitTests.TenSecondWindowApp>
{
    private const string TooManyAttempts = "Too many attempts. Wait a minute and try again.";
    private const string TooManyFailures = "Too many failed sign-ins from your network. Wait a while and try again, or reset your password.";

    public sealed class TenSecondWindowApp : ServedApp
    {
        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["RateLimits:AccountPostsPerWindow"] = "20",
            ["RateLimits:MailPostsPerWindow"] = "10",
            ["RateLimits:FailedSignInsPerAddress"] = "10",
            ["RateLimits:FailedSignInWindow"] = "00:00:10",
            ["RateLimits:CircuitsPerWindow"] = "5",
            ["RateLimits:ApiRequestsPerWindow"] = "5",
            ["RateLimits:Window"] = "00:00:10",
        };
    }

    [Fact]
    public async Task FailedSignInsFromOneAddressAcrossManyAccountsAreRefusedUntilTheWindowMovesOn()
    {
        // Unknown accounts, so no account's own lockout plays a part: this is one source trying many accounts.
        using var client = new FormClient(served.App.BaseUrl, IPAddress.Parse("127.0.3.1"));
        var failures = new List<HttpResponseMessage>();
        for (var attempt = 0; attempt < 12; attempt++)
            failures.Add(await client.LogInAsync($"guess-{attempt}@example.com", "Wrong#Pass1"));
        using var rightPassword = await client.LogInAsync(OrderFactory.Buyer2Email, "Demo#2026");
        using var otherClient = new FormClient(served.App.BaseUrl, IPAddress.Parse("127.0.3.2"));
        using var fromOtherClient = await otherClient.LogInAsync(OrderFactory.SellerEmail, "Demo#2026");

        foreach (var refused in failures.Take(10))
            Assert.Contains("Invalid login attempt.", await refused.Content.ReadAsStringAsync());
        foreach (var blocked in failures.Skip(10).Append(rightPassword))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
            Assert.Contains(TooManyFailures, await blocked.Content.ReadAsStringAsync());
            Assert.True(blocked.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After is missing.");
        }
        AssertSignedIn(fromOtherClient);

        await Task.Delay(TimeSpan.FromSeconds(11));
        using var afterTheWindow = await client.LogInAsync(OrderFactory.Seller2Email, "Demo#2026");
        AssertSignedIn(afterTheWindow);
        failures.ForEach(r => r.Dispose());
    }

    [Fact]
    public async Task SignInsThatSucceedAreNoFailuresAndThePagesOwnPasskeyRequestsAreNoAttempts()
    {
        // Fifteen sign-ins (more than the ten failures an address may have), each after the twenty passkey challenges
        // the log-in page's own script asks for, and still under the twenty account posts.
        using var client = new FormClient(served.App.BaseUrl, IPAddress.Parse("127.0.3.3"));
        for (var challenge = 0; challenge < 20; challenge++)
        {
            using var options = await client.PasskeyRequestOptionsAsync();
            Assert.Equal(HttpStatusCode.OK, options.StatusCode);
        }
        for (var person = 0; person < 15; person++)
        {
            using var browser = new FormClient(served.App.BaseUrl, IPAddress.Parse("127.0.3.3"));
            using var signedIn = await browser.LogInAsync(OrderFactory.BuyerEmail, "Demo#2026");
            AssertSignedIn(signedIn);
        }
    }

    [Fact]
    public async Task EveryAccountPostCountsTowardsTheAddresssPostsPerWindow()
    {
        // Twenty-two people at one address, each signing in once: twenty are in, the rest wait for the window. They post
        // all at once, so that all twenty-two fall into one ten-second window however busy the machine is (one after
        // the other they took 19 s on a loaded CI core, and the window moved on).
        var people = Enumerable.Range(0, 22).Select(_ => new FormClient(served.App.BaseUrl, IPAddress.Parse("127.0.3.4"))).ToList();
        try
        {
            foreach (var person in people) await person.LoadFormAsync("Account/Login", "login");
            var responses = await Task.WhenAll(people.Select(person => person.LogInAsync(OrderFactory.Buyer2Email, "Demo#2026")));
            foreach (var refused in responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests))
                Assert.Contains(TooManyAttempts, await refused.Content.ReadAsStringAsync());
            Assert.Equal(20, responses.Count(r => r.StatusCode == HttpStatusCode.Redirect));
            Assert.Equal(2, responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests));
            foreach (var response in responses) response.Dispose();
        }
        finally
        {
            people.ForEach(p => p.Dispose());
        }
    }

    [Fact]
    public async Task AnApiClientBeyondItsCallsPerWindowGets429WithAProblemBody()
    {
        using var api = new HttpClient { BaseAddress = served.App.BaseUrl };
        api.DefaultRequestHeaders.Authorization = new("Bearer", RefundPortal.Data.DemoWorld.ApiKey);
        // All at once, so that all eight fall into one window however slow the machine is.
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => api.GetAsync("api/v1/refunds")));
        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests));
        var limited = responses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.Equal("application/problem+json", limited!.Content.Headers.ContentType?.MediaType);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        // Calls without a valid key are refused before they count: a stranger cannot use up the client's calls.
        using var stranger = new HttpClient { BaseAddress = served.App.BaseUrl };
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.GetAsync("api/v1/refunds")).StatusCode);
    }

    [Theory]
    [InlineData("Account/Register", "register", "127.0.1.1")]
    [InlineData("Account/ForgotPassword", "forgot-password", "127.0.1.2")]
    [InlineData("Account/ResendEmailConfirmation", "resend-email-confirmation", "127.0.1.3")]
    public async Task EveryFormThatSendsMailCountsTowardsTheAddresssMailPosts(string path, string form, string clientAddress)
    {
        // A fresh session for each post, all from one client address of its own, so the other tests' posts do not
        // count here. The forms are fetched first (a GET does not count); then the twelve posts go at once, so they
        // all fall into one window however slowly a busy machine hashes twelve passwords.
        var clients = Enumerable.Range(0, 12).Select(_ => new FormClient(served.App.BaseUrl, IPAddress.Parse(clientAddress))).ToList();
        try
        {
            foreach (var client in clients) await client.LoadFormAsync(path, form);
            var responses = await Task.WhenAll(clients.Select((client, attempt) => client.PostFormAsync(path, form, new Dictionary<string, string>
            {
                ["Input.Email"] = $"nobody-{attempt}@example.com",
                ["Input.Password"] = "Some#Pass1",
                ["Input.ConfirmPassword"] = "Some#Pass1",
            })));
            var statuses = responses.Select(r => r.StatusCode).ToList();
            Assert.Equal(10, statuses.Count(s => s != HttpStatusCode.TooManyRequests));
            Assert.Equal(2, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        }
        finally
        {
            foreach (var client in clients) client.Dispose();
        }
    }

    [Fact]
    public async Task StartingCircuitsIsLimitedPerClient()
    {
        using var client = new FormClient(served.App.BaseUrl, IPAddress.Parse("127.0.2.1"));
        using var other = new FormClient(served.App.BaseUrl, IPAddress.Parse("127.0.2.2"));
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 7; attempt++)
        {
            using var negotiated = await client.NegotiateCircuitAsync();
            statuses.Add(negotiated.StatusCode);
        }
        using var fromOtherClient = await other.NegotiateCircuitAsync();

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 5), HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, fromOtherClient.StatusCode);
    }

    internal static void AssertSignedIn(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal));
    }

    /// <summary>
    /// A browser-like client from a chosen loopback address: it reads an account form's hidden fields, then posts it,
    /// or negotiates a circuit as an interactive page does.
    /// </summary>
    internal sealed partial class FormClient : IDisposable
    {
        private readonly HttpClient http;
        private readonly Dictionary<string, Dictionary<string, string>> hiddenFields = [];

        public FormClient(Uri baseUrl, IPAddress from)
        {
            var handler = new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = true,
                CookieContainer = new CookieContainer(),
                ConnectCallback = async (context, ct) =>
                {
                    var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                    try
                    {
                        socket.Bind(new IPEndPoint(from, 0));
                        await socket.ConnectAsync(new IPEndPoint(IPAddress.Parse(context.DnsEndPoint.Host), context.DnsEndPoint.Port), ct);
                        return new NetworkStream(socket, ownsSocket: true);
                    }
                    catch
                    {
                        socket.Dispose();
                        throw;
                    }
                },
            };
            http = new HttpClient(handler) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
        }

        public Task<HttpResponseMessage> LogInAsync(string email, string password) =>
            PostFormAsync("Account/Login", "login", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });

        public async Task<HttpResponseMessage> PostFormAsync(string path, string formName, IReadOnlyDictionary<string, string> fields) =>
            await http.PostAsync(path, new FormUrlEncodedContent((await LoadFormAsync(path, formName)).Concat(fields)));

        /// <summary>The form's hidden fields (its antiforgery token, its handler), read once per path.</summary>
        public async Task<Dictionary<string, string>> LoadFormAsync(string path, string formName)
        {
            if (!hiddenFields.TryGetValue(path, out var hidden))
            {
                var page = await http.GetStringAsync(path);
                var form = Form().Matches(page).Select(m => m.Value).Single(f => f.Contains($"""name="_handler" value="{formName}" """));
                hidden = HiddenInput().Matches(form).ToDictionary(m => m.Groups["name"].Value, m => WebUtility.HtmlDecode(m.Groups["value"].Value));
                hiddenFields[path] = hidden;
            }
            return hidden;
        }

        /// <summary>What the log-in page's script asks on every load, for passkey autofill (with the page's antiforgery token).</summary>
        public async Task<HttpResponseMessage> PasskeyRequestOptionsAsync()
        {
            var page = await http.GetStringAsync("Account/Login");
            var name = TokenName().Match(page).Groups[1].Value;
            var value = WebUtility.HtmlDecode(TokenValue().Match(page).Groups[1].Value);
            using var request = new HttpRequestMessage(HttpMethod.Post, "Account/PasskeyRequestOptions?username=");
            request.Headers.Add(name, value);
            return await http.SendAsync(request);
        }

        /// <summary>The first request of every interactive page: the circuit's hub connection is negotiated.</summary>
        public Task<HttpResponseMessage> NegotiateCircuitAsync() => http.PostAsync("_blazor/negotiate?negotiateVersion=1", null);

        public void Dispose() => http.Dispose();

        [GeneratedRegex("request-token-name=\"([^\"]+)\"")]
        private static partial Regex TokenName();

        [GeneratedRegex("request-token-value=\"([^\"]+)\"")]
        private static partial Regex TokenValue();

        [GeneratedRegex("<form .*?</form>", RegexOptions.Singleline)]
        private static partial Regex Form();

        [GeneratedRegex("""<input type="hidden" name="(?<name>[^"]+)" value="(?<value>[^"]*)" />""")]
        private static partial Regex HiddenInput();
    }
}
