using System.Security.Cryptography;

namespace RefundPortal;

/// <summary>
/// Headers on every response. The Content-Security-Policy lets Blazor Server and MudBlazor run: scripts only from the
/// portal itself or inline with this response's nonce (the import map), inline styles (MudBlazor styles elements),
/// the circuit's WebSocket to the same origin, and no framing by other sites.
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "RefundPortal.CspNonce";

    /// <summary>The nonce an inline script of this response must carry.</summary>
    public static string? NonceOf(HttpContext? context) => context?.Items[NonceKey] as string;

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        context.Items[NonceKey] = nonce;
        // Set when the response starts, so an error page that cleared the headers still gets them.
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy =
                $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
                "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            return Task.CompletedTask;
        });
        return next(context);
    });
}
