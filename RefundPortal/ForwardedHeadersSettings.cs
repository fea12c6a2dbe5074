using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace RefundPortal;

/// <summary>
/// Behind a reverse proxy: X-Forwarded-For and X-Forwarded-Proto are believed only from the proxies
/// (<c>ForwardedHeaders:KnownProxies</c>, IP addresses) and networks (<c>ForwardedHeaders:KnownNetworks</c>, CIDR) the
/// settings name. With none named the headers are not read at all, as anyone can send them.
/// </summary>
internal static class ForwardedHeadersSettings
{
    /// <summary>Configures <see cref="ForwardedHeadersOptions"/> from the settings; false when no proxy is named.</summary>
    public static bool AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var read = Read(configuration);
        if (read is null) return false;
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = read.ForwardedHeaders;
            options.ForwardLimit = read.ForwardLimit;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in read.KnownProxies) options.KnownProxies.Add(proxy);
            foreach (var network in read.KnownIPNetworks) options.KnownIPNetworks.Add(network);
        });
        return true;
    }

    /// <summary>The options the settings describe, or null when they name no proxy; a malformed entry stops the start.</summary>
    public static ForwardedHeadersOptions? Read(IConfiguration configuration)
    {
        var proxies = configuration.GetSection("ForwardedHeaders:KnownProxies").Values();
        var networks = configuration.GetSection("ForwardedHeaders:KnownNetworks").Networks();
        if (proxies.Count == 0 && networks.Count == 0) return null;

        var options = new ForwardedHeadersOptions
        {
            // The host is not taken from the proxy either: links come from App:BaseUrl, AllowedHosts filters the rest.
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            // Every hop is checked against the lists before the next address is believed, so a chain of named proxies works.
            ForwardLimit = null,
        };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies)
            options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                ? address
                : throw new InvalidOperationException($"ForwardedHeaders:KnownProxies: '{proxy}' is not an IP address."));
        foreach (var network in networks) options.KnownIPNetworks.Add(network);
        return options;
    }
}
