using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace RefundPortal.Tests.Support;

/// <summary>
/// One person's HTTP client against a real <see cref="AppServer"/>: its own cookies, redirects not followed, and the
/// static account forms submitted as a browser would (GET the page for its antiforgery token, then POST the form).
/// </summary>
public sealed partial class PortalClient(AppServer app) : IDisposable
{
    private readonly HttpClient http = new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
    {
        BaseAddress = app.BaseUrl,
        Timeout = TimeSpan.FromSeconds(30),
    };

    public Task<HttpResponseMessage> GetAsync(string path) => http.GetAsync(path);

    /// <summary>
    /// Submits the form named <paramref name="formName"/> of the page at <paramref name="path"/> with these fields,
    /// optionally with another Host header on the POST (as a client may send).
    /// </summary>
    public async Task<HttpResponseMessage> SubmitAsync(string path, string formName, IReadOnlyDictionary<string, string> fields, string? host = null)
    {
        using var page = await http.GetAsync(path);
        var html = await page.Content.ReadAsStringAsync();
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)page.StatusCode}:\n{html}");
        Assert.Contains($"value=\"{formName}\"", html);
        var form = new Dictionary<string, string>(fields)
        {
            ["_handler"] = formName,
            ["__RequestVerificationToken"] = AntiforgeryToken(html),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        if (host is not null) request.Headers.Host = host;
        return await http.SendAsync(request);
    }

    /// <summary>Posts exactly these fields, no antiforgery token added (as another site's form would).</summary>
    public Task<HttpResponseMessage> PostAsync(string action, IReadOnlyDictionary<string, string> fields) =>
        http.PostAsync(action, new FormUrlEncodedContent(fields));

    /// <summary>Posts these fields to an endpoint with the antiforgery token of <paramref name="page"/> (as a form on that page would).</summary>
    public async Task<HttpResponseMessage> PostFromAsync(string page, string action, IReadOnlyDictionary<string, string> fields)
    {
        using var response = await http.GetAsync(page);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {page} answered {(int)response.StatusCode}:\n{html}");
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = AntiforgeryToken(html) };
        return await http.PostAsync(action, new FormUrlEncodedContent(form));
    }

    /// <summary>Logs in on the login page; returns the answer to the POST (a redirect when it worked).</summary>
    public Task<HttpResponseMessage> LogInAsync(string email, string password = "Demo#2026", string? returnUrl = null) =>
        SubmitAsync(returnUrl is null ? "Account/Login" : $"Account/Login?ReturnUrl={Uri.EscapeDataString(returnUrl)}", "login",
            new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });

    public static string AntiforgeryToken(string html)
    {
        var input = TokenInput().Match(html);
        Assert.True(input.Success, "The page has no antiforgery token.");
        return WebUtility.HtmlDecode(Value().Match(input.Value).Groups[1].Value);
    }

    /// <summary>The emails the app queued, oldest first, read from its database.</summary>
    public static async Task<IReadOnlyList<(string To, string Subject, string Text, string Html)>> OutboxAsync(AppServer app)
    {
        await using var connection = new SqliteConnection($"Data Source={app.DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT ToAddress, Subject, TextBody, HtmlBody FROM OutboxEmails ORDER BY Id";
        await using var reader = await command.ExecuteReaderAsync();
        var emails = new List<(string, string, string, string)>();
        while (await reader.ReadAsync()) emails.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        return emails;
    }

    /// <summary>One value of the app's database (null when no row matches).</summary>
    public static async Task<object?> ScalarAsync(AppServer app, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new SqliteConnection($"Data Source={app.DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return await command.ExecuteScalarAsync();
    }

    public void Dispose() => http.Dispose();

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*>")]
    private static partial Regex TokenInput();

    [GeneratedRegex("value=\"([^\"]*)\"")]
    private static partial Regex Value();
}
