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
        services.AddScoped<WebhookEndpointService>();
        // No redirects: a signed event goes where it was sent or nowhere. The per-request timeout is the sender's own.
        services.AddHttpClient(WebhookSender.HttpClientName, client =>
            {
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("RefundPortal-Webhooks/1");
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        services.AddSingleton<WebhookSender>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookSender>());
        return services;
    }
}
