using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace RefundPortal.Features.Integration.Webhooks;

/// <summary>
/// <c>RefundPortal-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "&lt;t&gt;.&lt;raw body&gt;"&gt;</c>, the scheme
/// Stripe made familiar: the timestamp inside the signed text lets a receiver refuse an old request replayed to it.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "RefundPortal-Signature";
    public const string EventIdHeader = "RefundPortal-Event-Id";

    public static string Compute(string secret, long unixSeconds, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(unixSeconds.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
        return string.Create(CultureInfo.InvariantCulture, $"t={unixSeconds},v1={Convert.ToHexStringLower(mac)}");
    }
}
