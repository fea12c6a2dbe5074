using System.Net;
using System.Threading.RateLimiting;

namespace RefundPortal.Features.Security;

/// <summary>
/// Failed sign-ins per client address (<see cref="RateLimitSettings.FailedSignInsPerAddress"/> over a sliding
/// <see cref="RateLimitSettings.FailedSignInWindow"/>): a correct sign-in costs nothing, so an office signing in at
/// nine is never held back, while one source guessing across many accounts is. One account's guesses are the lockout's.
/// The sign-in pages ask <see cref="IsBlocked"/> before they check a password and call <see cref="Failed"/> after a
/// failure. Counted per process, like the other limits.
/// </summary>
public sealed class SignInThrottle(RateLimitSettings settings) : IDisposable
{
    private const int Segments = 6;

    public static string TooManyFailures => SecurityText.Get("TooManyFailedSignIns");

    private readonly PartitionedRateLimiter<string> failures = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetSlidingWindowLimiter(address, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = settings.FailedSignInsPerAddress, Window = settings.FailedSignInWindow, SegmentsPerWindow = Segments,
            QueueLimit = 0, AutoReplenishment = true,
        }));

    /// <summary>Whether this address used up its failures: then no password is checked until the window moves on.</summary>
    public bool IsBlocked(IPAddress? address) => failures.GetStatistics(RateLimits.ClientKey(address))?.CurrentAvailablePermits <= 0;

    /// <summary>For a sign-in page: true, with a 429 and a Retry-After on the response, when this request's address is blocked.</summary>
    public bool Refuses(HttpContext http)
    {
        if (!IsBlocked(http.Connection.RemoteIpAddress)) return false;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        var segment = settings.FailedSignInWindow / Segments;
        http.Response.Headers.RetryAfter = ((long)Math.Ceiling(segment.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return true;
    }

    public void Failed(IPAddress? address)
    {
        using var _ = failures.AttemptAcquire(RateLimits.ClientKey(address));
    }

    public void Failed(HttpContext http) => Failed(http.Connection.RemoteIpAddress);

    public void Dispose() => failures.Dispose();
}
