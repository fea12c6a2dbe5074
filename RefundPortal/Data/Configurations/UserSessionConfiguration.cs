using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RefundPortal.Features.Accounts.Sessions;

namespace RefundPortal.Data.Configurations;

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> s)
    {
        s.Property(x => x.Id).HasMaxLength(UserSession.IdLength);
        s.Property(x => x.SecurityStamp).HasMaxLength(256);
        s.Property(x => x.Browser).HasMaxLength(UserSession.MaxDeviceLength);
        s.Property(x => x.Platform).HasMaxLength(UserSession.MaxDeviceLength);
        s.HasOne<ApplicationUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        // An account's sessions (its page, "sign out everywhere else"), and the hourly purge of the unused.
        s.HasIndex(x => new { x.UserId, x.LastSeenAt });
        s.HasIndex(x => x.LastSeenAt);
    }
}
