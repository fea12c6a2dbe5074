using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RefundPortal.Domain;

namespace RefundPortal.Data.Configurations;

internal sealed class RefundRequestConfiguration : IEntityTypeConfiguration<RefundRequest>
{
    public void Configure(EntityTypeBuilder<RefundRequest> request)
    {
        request.Property(r => r.Version).IsConcurrencyToken();
        request.Property(r => r.Currency).HasMaxLength(3);
        request.Property(r => r.Description).HasMaxLength(RefundRequest.MaxTextLength);
        request.Property(r => r.RefusalReason).HasMaxLength(RefundRequest.MaxTextLength);
        request.Property(r => r.EscalationStatement).HasMaxLength(RefundRequest.MaxTextLength);
        request.Property(r => r.RulingReason).HasMaxLength(RefundRequest.MaxTextLength);
        request.HasOne<ApplicationUser>().WithMany().HasForeignKey(r => r.BuyerId).OnDelete(DeleteBehavior.Restrict);
        request.HasOne<ApplicationUser>().WithMany().HasForeignKey(r => r.SellerId).OnDelete(DeleteBehavior.Restrict);
        request.HasOne<ApplicationUser>().WithMany().HasForeignKey(r => r.ArbiterId).OnDelete(DeleteBehavior.Restrict);

        request.OwnsOne(r => r.ReturnAddress, a =>
        {
            foreach (var name in new[] { "ContactName", "Phone", "Street", "City", "Region", "PostalCode", "Country" })
                a.Property(name).HasMaxLength(200);
        });
        request.OwnsOne(r => r.ReturnShipment, s =>
        {
            s.Property(x => x.Carrier).HasMaxLength(100);
            s.Property(x => x.TrackingNumber).HasMaxLength(100);
            s.Property(x => x.Note).HasMaxLength(RefundRequest.MaxTextLength);
        });

        request.HasMany(r => r.Lines).WithOne().HasForeignKey(l => l.RefundRequestId);
        request.HasMany(r => r.Timeline).WithOne().HasForeignKey(e => e.RefundRequestId);
        request.HasMany(r => r.Evidence).WithOne().HasForeignKey(e => e.RefundRequestId);
        request.HasMany(r => r.Plans).WithOne().HasForeignKey(p => p.RefundRequestId);
        request.HasMany(r => r.Messages).WithOne().HasForeignKey(m => m.RefundRequestId);
        request.HasOne(r => r.Payout).WithOne().HasForeignKey<Payout>(p => p.RefundRequestId);
        foreach (var navigation in new[] { "Lines", "Timeline", "Evidence", "Plans", "Messages" })
            request.Navigation(navigation).UsePropertyAccessMode(PropertyAccessMode.Field);

        // The list pages read a page of one party's requests in their list order straight off these (RefundListQueues),
        // "All" and "Needs my action" through the first of each pair, a status chip through the second.
        request.Property<int>(RefundListQueues.Buyer);
        request.Property<int>(RefundListQueues.Seller);
        string[] listOrder = [nameof(RefundRequest.DeadlineAt), nameof(RefundRequest.UpdatedAt), nameof(RefundRequest.Id)];
        bool[] directions = [false, false, false, true, true];
        request.HasIndex([nameof(RefundRequest.BuyerId), RefundListQueues.Buyer, .. listOrder]).IsDescending(directions);
        request.HasIndex([nameof(RefundRequest.BuyerId), nameof(RefundRequest.Status), RefundListQueues.Buyer, .. listOrder])
            .IsDescending([false, .. directions]);
        request.HasIndex([nameof(RefundRequest.SellerId), RefundListQueues.Seller, .. listOrder]).IsDescending(directions);
        request.HasIndex([nameof(RefundRequest.SellerId), nameof(RefundRequest.Status), RefundListQueues.Seller, .. listOrder])
            .IsDescending([false, .. directions]);
        // The Dispute Center's "Unassigned" and "Mine", in the order they were escalated.
        request.HasIndex(r => new { r.Status, r.ArbiterId, r.EscalatedAt, r.Id });
        // A seller's refunds by when they were applied for: the statistics' windows and the CSV export.
        request.HasIndex(r => new { r.SellerId, r.CreatedAt });
        // The deadline worker reads through this one.
        request.HasIndex(r => r.DeadlineAt);
        // The integration API's feed of refunds in the order their changes committed, keyset paged (see ChangeOrder).
        request.Property<long>(ChangeOrder.Column);
        request.HasIndex(ChangeOrder.Column, nameof(RefundRequest.Id));
        request.Ignore(r => r.Amount);
        request.Ignore(r => r.IsActive);
        request.Ignore(r => r.EvidenceCount);
    }
}

internal sealed class RefundLineConfiguration : IEntityTypeConfiguration<RefundLine>
{
    public void Configure(EntityTypeBuilder<RefundLine> line)
    {
        line.HasOne(l => l.OrderLine).WithMany().HasForeignKey(l => l.OrderLineId).OnDelete(DeleteBehavior.Restrict);
        line.Ignore(l => l.ValueMinor);
    }
}

internal sealed class PayoutConfiguration : IEntityTypeConfiguration<Payout>
{
    public void Configure(EntityTypeBuilder<Payout> payout)
    {
        // One payout per request, enforced by the database: a double refund cannot be written.
        payout.HasIndex(p => p.RefundRequestId).IsUnique();
        payout.Property(p => p.Id).ValueGeneratedNever();
        payout.Property(p => p.Currency).HasMaxLength(3);
        payout.Property(p => p.BuyerId).HasMaxLength(450);
        payout.Property(p => p.Reference).HasMaxLength(Payout.MaxReferenceLength);
        // The arbiters' list of payouts that failed.
        payout.HasIndex(p => new { p.Status, p.RequestedAt });
        payout.Ignore(p => p.Amount);
    }
}

internal sealed class TimelineEventConfiguration : IEntityTypeConfiguration<TimelineEvent>
{
    public void Configure(EntityTypeBuilder<TimelineEvent> e)
    {
        e.Property(x => x.Note).HasMaxLength(RefundRequest.MaxTextLength + 200);
        e.Property(x => x.NoteKey).HasMaxLength(64);
        e.HasIndex(x => new { x.RefundRequestId, x.At });
        // Rulings and accepted plans in a window (the statistics), without reading every refund's timeline.
        e.HasIndex(x => new { x.Kind, x.At });
    }
}

internal sealed class EvidenceFileConfiguration : IEntityTypeConfiguration<EvidenceFile>
{
    public void Configure(EntityTypeBuilder<EvidenceFile> e)
    {
        e.Property(x => x.StoredName).HasMaxLength(64);
        e.Property(x => x.FileName).HasMaxLength(255);
        e.Property(x => x.ContentType).HasMaxLength(64);
        e.HasIndex(x => x.StoredName).IsUnique();
    }
}

internal sealed class DisputePlanConfiguration : IEntityTypeConfiguration<DisputePlan>
{
    public void Configure(EntityTypeBuilder<DisputePlan> p)
    {
        p.Property(x => x.Note).HasMaxLength(RefundRequest.MaxTextLength);
        p.Property(x => x.EndedAs).HasMaxLength(16);
        p.Ignore(x => x.IsCurrent);
    }
}

internal sealed class RefundMessageConfiguration : IEntityTypeConfiguration<RefundMessage>
{
    public void Configure(EntityTypeBuilder<RefundMessage> m)
    {
        m.Property(x => x.Text).HasMaxLength(RefundRequest.MaxTextLength);
        m.HasMany(x => x.Attachments).WithOne().HasForeignKey(e => e.MessageId);
        m.Navigation(x => x.Attachments).UsePropertyAccessMode(PropertyAccessMode.Field);
        m.HasIndex(x => new { x.RefundRequestId, x.At });
    }
}
