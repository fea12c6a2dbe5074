using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RefundPortal.Features.Notifications;

namespace RefundPortal.Data.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> n)
    {
        n.Property(x => x.Kind).HasMaxLength(32);
        n.Property(x => x.Title).HasMaxLength(200);
        n.Property(x => x.Body).HasMaxLength(4000);
        n.Property(x => x.Link).HasMaxLength(200);
        n.HasOne<ApplicationUser>().WithMany().HasForeignKey(x => x.UserId);
        // The bell's unread count and the newest-first page.
        n.HasIndex(x => new { x.UserId, x.ReadAt });
        n.HasIndex(x => new { x.UserId, x.CreatedAt });
    }
}

internal sealed class OutboxEmailConfiguration : IEntityTypeConfiguration<OutboxEmail>
{
    public void Configure(EntityTypeBuilder<OutboxEmail> e)
    {
        e.Property(x => x.ToAddress).HasMaxLength(256);
        e.Property(x => x.ToName).HasMaxLength(256);
        e.Property(x => x.Subject).HasMaxLength(300);
        e.Property(x => x.LastError).HasMaxLength(2000);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        e.Ignore(x => x.MessageId);
        // The sender reads due emails through this index, oldest first.
        e.HasIndex(x => new { x.Status, x.NextAttemptAt });
    }
}

internal sealed class EmailOptOutConfiguration : IEntityTypeConfiguration<EmailOptOut>
{
    public void Configure(EntityTypeBuilder<EmailOptOut> o)
    {
        o.HasKey(x => new { x.UserId, x.Kind });
        o.Property(x => x.Kind).HasMaxLength(32);
        o.HasOne<ApplicationUser>().WithMany().HasForeignKey(x => x.UserId);
    }
}
