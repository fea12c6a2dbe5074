using System.Reflection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using RefundPortal.Domain;
using RefundPortal.Features.Accounts.Sessions;
using RefundPortal.Features.Integration.ApiClients;
using RefundPortal.Features.Integration.Webhooks;
using RefundPortal.Features.Notifications;
using RefundPortal.Features.Refunds.Apply;

namespace RefundPortal.Data;

/// <summary>
/// The one database of the app: Identity plus the refund domain. Used through IDbContextFactory, one per operation.
/// This type runs on SQLite and owns the SQLite migrations; <see cref="PostgreSqlDbContext"/> is the same model on
/// PostgreSQL with its own migrations.
/// </summary>
public class AppDbContext : IdentityDbContext<ApplicationUser>, IDataProtectionKeyContext
{
    public AppDbContext(DbContextOptions<AppDbContext> options) : base(options) { }

    protected AppDbContext(DbContextOptions options) : base(options) { }

    /// <summary>The Data Protection key ring: kept with the data, so a restart (or another node) keeps everyone signed in.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Order> Orders => Set<Order>();
    public DbSet<OrderLine> OrderLines => Set<OrderLine>();
    public DbSet<RefundRequest> RefundRequests => Set<RefundRequest>();
    public DbSet<Payout> Payouts => Set<Payout>();
    public DbSet<TimelineEvent> TimelineEvents => Set<TimelineEvent>();
    public DbSet<EvidenceFile> EvidenceFiles => Set<EvidenceFile>();
    public DbSet<DisputePlan> DisputePlans => Set<DisputePlan>();
    public DbSet<ReturnAddress> ReturnAddresses => Set<ReturnAddress>();
    public DbSet<ApplicationDraft> ApplicationDrafts => Set<ApplicationDraft>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<OutboxEmail> OutboxEmails => Set<OutboxEmail>();
    public DbSet<EmailOptOut> EmailOptOuts => Set<EmailOptOut>();

    public DbSet<UserSession> UserSessions => Set<UserSession>();

    public DbSet<ApiClient> ApiClients => Set<ApiClient>();
    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();
    public DbSet<IntegrationEvent> IntegrationEvents => Set<IntegrationEvent>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        using var once = DetectChangesOnce();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        using var once = DetectChangesOnce();
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>
    /// Detects changes once and stamps the list queues, then lets the save run without detecting again: each detection
    /// walks every tracked entity, and the deadline worker's batch tracks thousands. Restored when the save ends.
    /// </summary>
    private AutoDetectScope DetectChangesOnce()
    {
        ChangeTracker.DetectChanges();
        var scope = new AutoDetectScope(ChangeTracker);
        StampListQueues();
        return scope;
    }

    private sealed class AutoDetectScope : IDisposable
    {
        private readonly Microsoft.EntityFrameworkCore.ChangeTracking.ChangeTracker tracker;
        private readonly bool wasEnabled;

        public AutoDetectScope(Microsoft.EntityFrameworkCore.ChangeTracking.ChangeTracker tracker)
        {
            (this.tracker, wasEnabled) = (tracker, tracker.AutoDetectChangesEnabled);
            tracker.AutoDetectChangesEnabled = false;
        }

        public void Dispose() => tracker.AutoDetectChangesEnabled = wasEnabled;
    }

    /// <summary>
    /// The list pages sort by each party's queue (<see cref="RefundRequest.QueueFor"/>) through an index, so it is kept
    /// in two columns, refreshed from the domain whenever a request is saved.
    /// </summary>
    private void StampListQueues()
    {
        foreach (var entry in ChangeTracker.Entries<RefundRequest>())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified)) continue;
            entry.Property<int>(RefundListQueues.Buyer).CurrentValue = entry.Entity.QueueFor(ActorRole.Buyer);
            entry.Property<int>(RefundListQueues.Seller).CurrentValue = entry.Entity.QueueFor(ActorRole.Seller);
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(Assembly.GetExecutingAssembly());
        SqlTime.Map(builder, Database.IsNpgsql());
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder conventions)
    {
        // SQLite keeps no time zone: every DateTime is UTC going in and is marked UTC coming out.
        conventions.Properties<DateTime>().HaveConversion<UtcConverter>();
        conventions.Properties<DateTime?>().HaveConversion<UtcConverter>();
        conventions.Properties<RefundStatus>().HaveConversion<string>().HaveMaxLength(32);
        conventions.Properties<OrderStatus>().HaveConversion<string>().HaveMaxLength(32);
        conventions.Properties<RefundKind>().HaveConversion<string>().HaveMaxLength(32);
        conventions.Properties<RefundReason>().HaveConversion<string>().HaveMaxLength(32);
        conventions.Properties<CloseReason>().HaveConversion<string>().HaveMaxLength(32);
        conventions.Properties<TimelineEventKind>().HaveConversion<string>().HaveMaxLength(32);
        conventions.Properties<ActorRole>().HaveConversion<string>().HaveMaxLength(16);
        conventions.Properties<PayoutStatus>().HaveConversion<string>().HaveMaxLength(16);
    }

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
