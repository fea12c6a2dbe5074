using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Notifications;

namespace RefundPortal.Tests.Support;

/// <summary>
/// A bUnit context set up as MudBlazor's own tests do (loose JS interop, no popover provider check, no snackbar
/// transitions), signed in as a real demo user, with the portal's own feature registration over the test database.
/// </summary>
internal static class MudTestContext
{
    public static BunitContext Create(TestApp app, CurrentUser user) => Create(app, user, out _);

    /// <summary>The same, with the sign-in the test may change later (as the revalidating authentication state does).</summary>
    public static BunitContext Create(TestApp app, CurrentUser user, out BunitAuthorizationContext auth)
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices(options =>
        {
            ServiceRegistration.ConfigureMudBlazor(options);
            options.PopoverOptions.CheckForPopoverProvider = false;
            options.SnackbarConfiguration.ShowTransitionDuration = 0;
            options.SnackbarConfiguration.HideTransitionDuration = 0;
        });

        context.Services.AddSingleton(app.Configuration);
        context.Services.AddSingleton(app.Environment);
        context.Services.AddPortalFeatures(app.Configuration, app.Environment);
        // The fixture's own instances where a test and the rendered component must share state: the clock the test
        // moves, and the hub the test publishes through.
        context.Services.AddSingleton<TimeProvider>(app.Clock);
        context.Services.AddSingleton(app.Get<INotificationHub>());

        // After the portal's services, so that bUnit's authentication state is the one components see.
        auth = context.AddAuthorization();
        auth.SetAuthorized(user.Email);
        auth.SetRoles([.. user.Roles]);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, user.Id));
        return context;
    }
}
