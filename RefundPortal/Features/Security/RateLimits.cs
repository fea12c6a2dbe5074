using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using RefundPortal.Domain;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Integration.Api;

namespace RefundPortal.Features.Security;

/// <summary>
/// The `RateLimits` settings. One person is stopped by their account's lockout (5 wrong passwords, 15 minutes); these
/// are per client address, where an office or a mobile carrier puts hundreds of people behind one address, so they are
/// sized for many honest people at once and stop one source trying many accounts or filling mailboxes.
/// </summary>
public sealed class RateLimitSettings
{
    /// <summary>Posts to the account pages per client address (log in, two-factor, Manage, ...): what hashes a password.</summary>
    public int AccountPostsPerWindow { get; set; } = 100;
    /// <summary>Of those, the posts that send an email (register, forgot password, resend confirmation, change email).</summary>
    public int MailPostsPerWindow { get; set; } = 10;
    /// <summary>Failed sign-ins (wrong password, unknown email, wrong two-factor or recovery code) per client address.</summary>
    public int FailedSignInsPerAddress { get; set; } = 100;
    /// <summary>The sliding window over which <see cref="FailedSignInsPerAddress"/> counts.</summary>
    public TimeSpan FailedSignInWindow { get; set; } = TimeSpan.FromHours(1);
    /// <summary>Circuits (interactive pages opened by a full load; each holds server memory) started per client address.</summary>
    public int CircuitsPerWindow { get; set; } = 300;
    /// <summary>Writes through the refund services (apply, modify, message, evidence, every move) per person.</summary>
    public int WritesPerWindow { get; set; } = 30;
    /// <summary>Calls of the integration API per API client (a marketplace's system, not a person).</summary>
    public int ApiRequestsPerWindow { get; set; } = 600;
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

public static class RateLimits
{
    public static string TooManyAttempts => SecurityText.Get("TooManyAttempts");

    /// <summary>
    /// The limits per client on account posts and on circuit starts, answered with 429, a Retry-After and a short page
    /// (the middleware is <c>app.UseRateLimiter()</c>), and the per-person <see cref="WriteLimiter"/> the refund
    /// services check.
    /// </summary>
    public static IServiceCollection AddPortalRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection("RateLimits").Get<RateLimitSettings>() ?? new RateLimitSettings();
        if (new[] { settings.AccountPostsPerWindow, settings.MailPostsPerWindow, settings.FailedSignInsPerAddress, settings.CircuitsPerWindow,
                settings.WritesPerWindow, settings.ApiRequestsPerWindow }.Min() < 1
            || settings.Window <= TimeSpan.Zero || settings.FailedSignInWindow <= TimeSpan.Zero)
            throw new InvalidOperationException("RateLimits: every count must be at least 1, and Window and FailedSignInWindow positive.");
        services.AddSingleton(settings);
        services.AddSingleton<WriteLimiter>();
        services.AddSingleton<SignInThrottle>();
        services.AddRateLimiter(options =>
        {
            // Chained: a request must pass every limiter that has a partition for it (a mail post counts as an account post too).
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    ApiClientOf(context) is { } apiClient
                        ? RateLimitPartition.GetFixedWindowLimiter($"api {apiClient}", _ => FixedWindow(settings.ApiRequestsPerWindow, settings.Window))
                        : LimitOf(context.Request, settings) is (var kind, var permits)
                            ? RateLimitPartition.GetFixedWindowLimiter($"{kind} {ClientKey(context.Connection.RemoteIpAddress)}",
                                _ => FixedWindow(permits, settings.Window))
                            : RateLimitPartition.GetNoLimiter("")),
                PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    IsMailPost(context.Request)
                        ? RateLimitPartition.GetFixedWindowLimiter($"mail {ClientKey(context.Connection.RemoteIpAddress)}",
                            _ => FixedWindow(settings.MailPostsPerWindow, settings.Window))
                        : RateLimitPartition.GetNoLimiter("")));
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (rejected, ct) => RejectAsync(rejected, settings.Window, ct);
        });
        return services;
    }

    /// <summary>
    /// The API client an integration API call was authenticated as (authorization runs before the rate limiter, so a
    /// call without a valid key never gets here: it was answered 401).
    /// </summary>
    private static string? ApiClientOf(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api") ? context.User.FindFirst(ApiKeyAuthenticationHandler.ClientIdClaim)?.Value : null;

    /// <summary>
    /// Which of the per-client limits a request counts towards, if any. The passkey options the log-in page asks for by
    /// itself on every load are no attempt: they count apart, against the same figure.
    /// </summary>
    private static (string Kind, int Permits)? LimitOf(HttpRequest request, RateLimitSettings settings) =>
        IsPasskeyOptions(request) ? ("passkey-options", settings.AccountPostsPerWindow)
        : IsAccountPost(request) ? ("account", settings.AccountPostsPerWindow)
        : IsCircuitStart(request) ? ("circuit", settings.CircuitsPerWindow)
        : null;

    /// <summary>The requests for a passkey challenge the account pages' script makes (log in: on every load, for autofill).</summary>
    internal static bool IsPasskeyOptions(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && (request.Path.StartsWithSegments("/Account/PasskeyRequestOptions", StringComparison.OrdinalIgnoreCase)
            || request.Path.StartsWithSegments("/Account/PasskeyCreationOptions", StringComparison.OrdinalIgnoreCase));

    private static readonly string[] MailForms = ["/Account/Register", "/Account/ForgotPassword", "/Account/ResendEmailConfirmation", "/Account/Manage/Email"];

    /// <summary>The account posts that send an email to an address the poster types.</summary>
    internal static bool IsMailPost(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && MailForms.Any(form => request.Path.StartsWithSegments(form, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Every form and endpoint under /Account that a stranger can call (log in, two-factor and recovery codes,
    /// register, forgot and reset password, resend confirmation, passkey and external log-in) or that checks a
    /// password or sends mail from Manage. Log out is left free. Prefix matching, so "/account/login/" counts too.
    /// </summary>
    internal static bool IsAccountPost(HttpRequest request) =>
        !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)
        && request.Path.StartsWithSegments("/Account", StringComparison.OrdinalIgnoreCase)
        && !request.Path.StartsWithSegments("/Account/Logout", StringComparison.OrdinalIgnoreCase);

    /// <summary>The negotiation that starts every circuit's hub connection (a reconnect negotiates again).</summary>
    internal static bool IsCircuitStart(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.StartsWithSegments("/_blazor/negotiate", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// One partition per IPv4 address and per IPv6 /64 (one subscriber usually holds a whole /64, so single addresses
    /// would cost an attacker nothing). Behind a proxy this is the proxy's address unless forwarded headers are applied.
    /// </summary>
    internal static string ClientKey(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }

    internal static FixedWindowRateLimiterOptions FixedWindow(int permits, TimeSpan window) =>
        new() { PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true };

    private static async ValueTask RejectAsync(OnRejectedContext rejected, TimeSpan window, CancellationToken ct)
    {
        var response = rejected.HttpContext.Response;
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : window;
        response.Headers.RetryAfter = ((long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        response.Headers.CacheControl = "no-store";
        if (rejected.HttpContext.Request.Path.StartsWithSegments("/api"))
        {
            await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                detail: $"This API client made more than its calls per window; try again in {response.Headers.RetryAfter} s.").ExecuteAsync(rejected.HttpContext);
            return;
        }
        // A page, not plain text: the account forms post without enhanced navigation, so the browser shows this. It is
        // in the request's language (request localization runs before the limiter).
        response.ContentType = "text/html; charset=utf-8";
        var back = WebUtility.HtmlEncode(rejected.HttpContext.Request.PathBase + rejected.HttpContext.Request.Path);
        var title = WebUtility.HtmlEncode(SecurityText.Get("TooManyAttemptsTitle"));
        await response.WriteAsync(
            $"<!DOCTYPE html><html lang=\"{Languages.Languages.Match(CultureInfo.CurrentUICulture.Name) ?? Languages.Languages.English}\"><head><meta charset=\"utf-8\"><title>{title}</title></head><body>" +
            $"<h1>{title}</h1><p>{WebUtility.HtmlEncode(TooManyAttempts)}</p><p><a href=\"{back}\">{WebUtility.HtmlEncode(SecurityText.Get("Back"))}</a></p></body></html>", ct);
    }
}

/// <summary>
/// How often one person may write through the refund services: a fixed window per user id, checked before any work,
/// so a refused write reads, stores and sends nothing. It counts per process: several servers each count their own.
/// </summary>
public sealed class WriteLimiter(RateLimitSettings settings) : IDisposable
{
    public static string TooOften => SecurityText.Get("TooOften");

    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(userId =>
        RateLimitPartition.GetFixedWindowLimiter(userId, _ => RateLimits.FixedWindow(settings.WritesPerWindow, settings.Window)));

    /// <summary>Counts one write of the user, or refuses it with a message the page shows like any other refusal.</summary>
    public void Count(CurrentUser user)
    {
        using var lease = limiter.AttemptAcquire(user.Id);
        if (!lease.IsAcquired) throw new DomainException(TooOften);
    }

    public void Dispose() => limiter.Dispose();
}
