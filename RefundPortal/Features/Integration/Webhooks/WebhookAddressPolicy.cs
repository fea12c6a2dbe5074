using System.Net;
using System.Net.Sockets;

namespace RefundPortal.Features.Integration.Webhooks;

/// <summary>
/// Which IP addresses a webhook may reach. Outside Development only global unicast: an admin's URL must not make the
/// portal post to its own network (cloud metadata at 169.254.169.254, a database, an internal admin page). Loopback,
/// private, link-local, unique-local, CGNAT, multicast, reserved and documentation ranges are refused, and an IPv6
/// address that embeds an IPv4 one (mapped, NAT64, 6to4) is judged by that IPv4 address. The operator lets a network
/// through in <c>Webhooks:AllowedNetworks</c>. In Development everything is allowed, so receivers on loopback work.
/// Judged when an endpoint is saved and again by the connection itself, which connects only to an address checked here.
/// </summary>
public sealed class WebhookAddressPolicy(bool allowEverything, IReadOnlyList<IPNetwork> allowedNetworks)
{
    public const string AllowedNetworksSetting = "Webhooks:AllowedNetworks";

    // IANA's special-purpose IPv4 registry, those not globally reachable (AS112 and the like stay allowed).
    private static readonly IPNetwork[] NotGlobalV4 = [.. new[]
    {
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24",
        "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
        "224.0.0.0/4", "240.0.0.0/4",
    }.Select(n => IPNetwork.Parse(n))];

    // Only 2000::/3 is global unicast; within it, IETF protocol assignments (Teredo, benchmarking, ORCHID) and documentation.
    private static readonly IPNetwork GlobalUnicastV6 = IPNetwork.Parse("2000::/3");
    private static readonly IPNetwork[] NotGlobalV6 = [.. new[] { "2001::/23", "2001:db8::/32", "3fff::/20" }.Select(n => IPNetwork.Parse(n))];
    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    public bool AllowsEverything => allowEverything;

    public static WebhookAddressPolicy From(IHostEnvironment environment, IReadOnlyList<IPNetwork> allowedNetworks) =>
        new(environment.IsDevelopment(), allowedNetworks);

    public bool Allows(IPAddress address)
    {
        if (allowEverything) return true;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (allowedNetworks.Any(n => n.Contains(address))) return true;
        if (address.AddressFamily == AddressFamily.InterNetwork) return !NotGlobalV4.Any(n => n.Contains(address));
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return false;
        // A NAT64 gateway or a 6to4 relay would carry the request on to the IPv4 address inside.
        if (Nat64.Contains(address)) return Allows(Embedded(address, 12));
        if (SixToFour.Contains(address)) return Allows(Embedded(address, 2));
        return GlobalUnicastV6.Contains(address) && !NotGlobalV6.Any(n => n.Contains(address));
    }

    /// <summary>The host's addresses, looked up once (an IP literal is its own address); a name that does not resolve throws <see cref="SocketException"/>.</summary>
    public static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) =>
        IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);

    private static IPAddress Embedded(IPAddress v6, int offset) => new(v6.GetAddressBytes().AsSpan(offset, 4));
}

/// <summary>A webhook's host resolved only to addresses <see cref="WebhookAddressPolicy"/> refuses: nothing was sent.</summary>
public sealed class WebhookAddressRefusedException(string host, IEnumerable<IPAddress> addresses)
    : IOException($"{host} resolves only to addresses webhooks may not reach ({string.Join(", ", addresses)}); "
                  + $"a network can be allowed in {WebhookAddressPolicy.AllowedNetworksSetting}.");
