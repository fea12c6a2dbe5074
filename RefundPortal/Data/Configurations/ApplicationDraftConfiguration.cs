using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RefundPortal.Domain;
using RefundPortal.Features.Refunds.Apply;

namespace RefundPortal.Data.Configurations;

internal sealed class ApplicationDraftConfiguration : IEntityTypeConfiguration<ApplicationDraft>
{
    public void Configure(EntityTypeBuilder<ApplicationDraft> d)
    {
        // The answers' JSON: the description's limit plus the rest of the form and five file names, with room to spare.
        d.Property(x => x.Answers).HasMaxLength(16_000);
        d.HasOne<ApplicationUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        d.HasOne<Order>().WithMany().HasForeignKey(x => x.OrderId).OnDelete(DeleteBehavior.Cascade);
        // One draft per buyer and order; the purge reads the oldest.
        d.HasIndex(x => new { x.UserId, x.OrderId }).IsUnique();
        d.HasIndex(x => x.UpdatedAt);
    }
}
