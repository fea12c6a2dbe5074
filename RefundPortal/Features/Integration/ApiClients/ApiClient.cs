using System.Security.Cryptography;
using System.Text;

namespace RefundPortal.Features.Integration.ApiClients;

/// <summary>
/// A marketplace system allowed to call the integration API. Only a hash of its key is kept: the key is shown once,
/// when an admin creates the client, and a revoked client's key never works again.
/// </summary>
public sealed class ApiClient
{
    public const int MaxNameLength = 100;
    private const string Prefix = "rp_";

    public int Id { get; set; }
    public string Name { get; set; } = "";
    /// <summary>SHA-256 of the key, hex. Keys are 256 random bits, so a fast hash is enough (no password to guess).</summary>
    public string KeyHash { get; set; } = "";
    /// <summary>The key's last characters, so an admin can tell keys apart without seeing them.</summary>
    public string KeyHint { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? RevokedAt { get; set; }

    public bool IsActive => RevokedAt is null;

    public static string NewKey() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static string Hint(string key) => "…" + key[^4..];
}
