using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RefundPortal.Features.Integration.ApiClients;
using RefundPortal.Features.Integration.Webhooks;

namespace RefundPortal.Data.Configurations;

internal sealed class ApiClientConfiguration : IEntityTypeConfiguration<ApiClient>
{
    public void Configure(EntityTypeBuilder<ApiClient> c)
    {
        c.Property(x => x.Name).HasMaxLength(ApiClient.MaxNameLength);
        c.Property(x => x.KeyHash).HasMaxLength(64);
        c.Property(x => x.KeyHint).HasMaxLength(8);
        c.HasIndex(x => x.KeyHash).IsUnique();
        c.Ignore(x => x.IsActive);
    }
}

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> e)
    {
        e.Property(x => x.Url).HasMaxLength(WebhookEndpoint.MaxUrlLength);
        e.Property(x => x.Secret).HasMaxLength(200);
        e.Property(x => x.Events).HasMaxLength(2000);
        e.Property(x => x.SettingsKey).HasMaxLength(100);
        e.HasIndex(x => x.SettingsKey).IsUnique();
        e.Ignore(x => x.FromSettings);
        e.Ignore(x => x.EventTypes);
    }
}

internal sealed class IntegrationEventConfiguration : IEntityTypeConfiguration<IntegrationEvent>
{
    public void Configure(EntityTypeBuilder<IntegrationEvent> e)
    {
        e.Property(x => x.Type).HasMaxLength(64);
        e.HasIndex(x => x.EventId).IsUnique();
        e.HasIndex(x => x.RefundRequestId);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> d)
    {
        d.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        d.Property(x => x.LastError).HasMaxLength(WebhookDelivery.MaxErrorLength);
        d.HasOne(x => x.Event).WithMany().HasForeignKey(x => x.EventId);
        d.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(x => x.EndpointId);
        // The sender's due query; the per-refund order check; an endpoint's recent deliveries on the admin page.
        d.HasIndex(x => new { x.Status, x.NextAttemptAt });
        d.HasIndex(x => new { x.EndpointId, x.RefundRequestId, x.EventId });
        d.HasIndex(x => new { x.EndpointId, x.Id });
    }
}

internal sealed class ApplicationUserConfiguration : IEntityTypeConfiguration<ApplicationUser>
{
    public void Configure(EntityTypeBuilder<ApplicationUser> u)
    {
        u.Property(x => x.ExternalId).HasMaxLength(ApplicationUser.MaxExternalIdLength);
        u.Property(x => x.TimeZoneId).HasMaxLength(Domain.TimeZones.MaxIdLength);
        u.Property(x => x.Language).HasMaxLength(Features.Languages.Languages.MaxTagLength);
        // The marketplace's id of a person: one account per id.
        u.HasIndex(x => x.ExternalId).IsUnique();
    }
}
