using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using RefundPortal.Data;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Orders;

namespace RefundPortal.Tests.Support;

/// <summary>
/// A bUnit context set up as MudBlazor's own tests do (loose JS interop, no popover provider check, no snackbar
/// transitions), signed in as a real demo user, with the portal's real services over the test database.
/// </summary>
internal static class MudTestContext
{
    public static BunitContext Create(TestApp app, CurrentUser user)
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices(options =>
        {
            options.PopoverOptions.CheckForPopoverProvider = false;
            options.SnackbarConfiguration.ShowTransitionDuration = 0;
            options.SnackbarConfiguration.HideTransitionDuration = 0;
        });
        var auth = context.AddAuthorization();
        auth.SetAuthorized(user.Email);
        auth.SetRoles([.. user.Roles]);
        auth.SetClaims(new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, user.Id));

        context.Services.AddSingleton(app.Get<IDbContextFactory<AppDbContext>>());
        context.Services.AddSingleton(app.Get<TimeProvider>());
        context.Services.AddSingleton(app.Get<RefundPortal.Domain.RefundPolicy>());
        context.Services.AddScoped<CurrentUserAccessor>();
        context.Services.AddScoped<OrderQueries>();
        context.Services.AddScoped<OrderActions>();
        context.Services.AddSingleton(app.Get<RefundPortal.Features.Refunds.Evidence.EvidenceStore>());
        context.Services.AddSingleton(app.Get<RefundPortal.Features.Notifications.RefundNotifier>());
        context.Services.AddSingleton(app.Get<RefundPortal.Features.Notifications.INotificationHub>());
        context.Services.AddSingleton(app.Get<RefundPortal.Features.Notifications.Email.OutboxSender>());
        context.Services.AddScoped<RefundPortal.Features.Notifications.NotificationService>();
        context.Services.AddScoped<RefundPortal.Features.Refunds.RefundService>();
        context.Services.AddScoped<RefundPortal.Features.Refunds.RefundQueries>();
        context.Services.AddScoped<RefundPortal.Features.Returns.ReturnAddressService>();
        return context;
    }
}
