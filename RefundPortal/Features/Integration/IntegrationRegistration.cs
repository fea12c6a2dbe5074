using System.Net;
using System.Net.Sockets;
using RefundPortal.Features.Integration.ApiClients;
using RefundPortal.Features.Integration.Orders;
using RefundPortal.Features.Integration.Webhooks;

namespace RefundPortal.Features.Integration;

public static class IntegrationRegistration
{
    /// <summary>API clients, the integration events written with every change, and the webhook sender that delivers them.</summary>
    public static IServiceCollection AddIntegration(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("Webhooks");
        services.AddOptions<WebhookOptions>().Bind(section).PostConfigure(options =>
        {
            // An environment variable holds one value: "Webhooks__Endpoints__0__Events=payout.requested,payout.paid".
            for (var i = 0; i < options.Endpoints.Count; i++)
                if (section[$"Endpoints:{i}:Events"] is { Length: > 0 } list) options.Endpoints[i].Events = [list];
        });
        services.AddScoped<ApiClientService>();
        services.AddScoped<MarketplaceUsers>();
        services.AddScoped<OrderImport>();
        services.AddSingleton<IntegrationEvents>();
        // Read here so that a malformed network stops the start.
        var allowedNetworks = configuration.GetSection(WebhookAddressPolicy.AllowedNetworksSetting).Networks();
        services.AddSingleton(sp => WebhookAddressPolicy.From(sp.GetRequiredService<IHostEnvironment>(), allowedNetworks));
        services.AddScoped<WebhookEndpointService>();
        // No redirects: a signed event goes where it was sent or nowhere. The per-request timeout is the sender's own.
        services.AddHttpClient(WebhookSender.HttpClientName, client =>
            {
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("RefundPortal-Webhooks/1");
            })
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var policy = sp.GetRequiredService<WebhookAddressPolicy>();
                return new SocketsHttpHandler
                {
                    AllowAutoRedirect = false,
                    UseCookies = false,
                    ConnectCallback = (context, ct) => ConnectAsync(policy, context.DnsEndPoint, ct),
                };
            });
        services.AddSingleton<WebhookSender>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookSender>());
        return services;
    }

    /// <summary>
    /// Resolves the host once, drops the addresses the policy refuses, and connects to a checked address itself: a
    /// name that resolves differently a moment later (DNS rebinding) cannot send the request inside the network.
    /// </summary>
    private static async ValueTask<Stream> ConnectAsync(WebhookAddressPolicy policy, DnsEndPoint endPoint, CancellationToken ct)
    {
        var resolved = await WebhookAddressPolicy.ResolveAsync(endPoint.Host, ct);
        var allowed = resolved.Where(policy.Allows).ToList();
        if (allowed.Count == 0) throw new WebhookAddressRefusedException(endPoint.Host, resolved);
        SocketException? failed = null;
        // A mapped address was judged as its IPv4 address, and an IPv6-only socket could not reach it anyway.
        foreach (var address in allowed.Select(a => a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a).Distinct())
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endPoint.Port), ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                failed = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw failed!;
    }
}
