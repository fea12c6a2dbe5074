using System.Net;
using System.Text.RegularExpressions;

namespace RefundPortal.Tests.Support;

/// <summary>
/// A <see cref="TestApp"/> whose database and evidence folder the real app also serves, as its own process on
/// 127.0.0.1: a test arranges through the services and asks over HTTP.
/// </summary>
public sealed partial class ServedTestApp : TestApp
{
    public AppServer Server { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Server = await AppServer.StartAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings:RefundPortal"] = $"Data Source={DatabasePath}",
            ["Evidence:Directory"] = EvidenceFolder,
        });
    }

    public override async Task DisposeAsync()
    {
        if (Server is not null) await Server.DisposeAsync();
        await base.DisposeAsync();
    }

    /// <summary>A client signed in through the login form, as a browser would be (the demo password of Development).</summary>
    public async Task<HttpClient> SignedInAsync(string email)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = Server.BaseUrl,
        };
        var page = await http.GetStringAsync("/Account/Login");
        // The login form's own fields: the app bar holds another form (the language switch) with its own hidden inputs.
        var form = page.Split("<form").Single(f => f.Contains("value=\"login\"", StringComparison.Ordinal));
        var fields = HiddenInput().Matches(form).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        fields["Input.Email"] = email;
        fields["Input.Password"] = RefundPortal.Data.DemoWorld.Password;
        using var response = await http.PostAsync("/Account/Login", new FormUrlEncodedContent(fields));
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Signing in as {email} answered {response.StatusCode}.");
        return http;
    }

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*name=\"(?<name>[^\"]+)\"[^>]*value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenInput();
}
