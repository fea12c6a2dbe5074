using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RefundPortal.Domain;

namespace RefundPortal.Data.Configurations;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> order)
    {
        order.Property(o => o.Number).HasMaxLength(32);
        order.HasIndex(o => o.Number).IsUnique();
        order.Property(o => o.Currency).HasMaxLength(3);
        order.Property(o => o.Version).IsConcurrencyToken();
        order.HasOne<ApplicationUser>().WithMany().HasForeignKey(o => o.BuyerId).OnDelete(DeleteBehavior.Restrict);
        order.HasOne<ApplicationUser>().WithMany().HasForeignKey(o => o.SellerId).OnDelete(DeleteBehavior.Restrict);
        order.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId);
        order.HasMany(o => o.Refunds).WithOne(r => r.Order).HasForeignKey(r => r.OrderId);
        order.Navigation(o => o.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
        order.Navigation(o => o.Refunds).UsePropertyAccessMode(PropertyAccessMode.Field);
        // The list pages: a party's orders, newest first, filtered by status.
        order.HasIndex(o => new { o.BuyerId, o.PlacedAt });
        order.HasIndex(o => new { o.SellerId, o.PlacedAt });
        order.Ignore(o => o.PaidTotal);
        order.Ignore(o => o.RefundedTotal);
        order.Ignore(o => o.ShippingFee);
        order.Ignore(o => o.ProductStatus);
        order.Ignore(o => o.RemainingUnits);
    }
}

internal sealed class OrderLineConfiguration : IEntityTypeConfiguration<OrderLine>
{
    public void Configure(EntityTypeBuilder<OrderLine> line)
    {
        line.Property(l => l.ProductName).HasMaxLength(200);
        line.Property(l => l.Sku).HasMaxLength(64);
        line.Ignore(l => l.LineTotalMinor);
        line.Ignore(l => l.RefundableQuantity);
    }
}

internal sealed class ReturnAddressConfiguration : IEntityTypeConfiguration<ReturnAddress>
{
    public void Configure(EntityTypeBuilder<ReturnAddress> address)
    {
        address.HasOne<ApplicationUser>().WithMany().HasForeignKey(a => a.SellerId);
        address.HasIndex(a => a.SellerId);
        foreach (var name in new[] { "ContactName", "Phone", "Street", "City", "Region", "PostalCode", "Country" })
            address.Property(name).HasMaxLength(200);
    }
}
