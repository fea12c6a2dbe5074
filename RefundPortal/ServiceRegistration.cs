using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using RefundPortal.Components.Account;
using RefundPortal.Data;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Accounts.Sessions;
using RefundPortal.Features.Admin;
using RefundPortal.Features.Deadlines;
using RefundPortal.Features.Disputes;
using RefundPortal.Features.Integration;
using RefundPortal.Features.Integration.Api;
using RefundPortal.Features.Languages;
using RefundPortal.Features.Notifications;
using RefundPortal.Features.Notifications.Email;
using RefundPortal.Features.Orders;
using RefundPortal.Features.Refunds;
using RefundPortal.Features.Refunds.Apply;
using RefundPortal.Features.Refunds.Evidence;
using RefundPortal.Features.Returns;
using RefundPortal.Features.Security;
using RefundPortal.Features.Shared;
using RefundPortal.Features.Statistics;

namespace RefundPortal;

public static class ServiceRegistration
{
    /// <summary>
    /// MudBlazor as the portal uses it. Pop-ups at the bottom left, at most two at a time, each hiding by itself: the
    /// pages' main actions sit at the top and at the right ("Send", "Submit"), so the pop-ups never cover them; on a
    /// phone they move under the app bar (app.css). What they said stays in the bell.
    /// </summary>
    public static void ConfigureMudBlazor(MudBlazor.Services.MudServicesConfiguration options)
    {
        var snackbars = options.SnackbarConfiguration;
        snackbars.PositionClass = MudBlazor.Defaults.Classes.Position.BottomLeft;
        snackbars.MaxDisplayedSnackbars = 2;
        snackbars.VisibleStateDuration = 6_000;
        snackbars.ShowCloseIcon = true;
        // Unset, MudBlazor keeps every pop-up that has an action button until it is clicked.
        snackbars.RequireInteraction = false;
    }

    /// <summary>Every service of the portal: the features, and around them the web host's pages, sign-in and Identity.</summary>
    public static IServiceCollection AddRefundPortal(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices(ConfigureMudBlazor);
        services.AddPortalFeatures(configuration, environment);

        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, CircuitAuthenticationStateProvider>();
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(LanguageEndpoints.WriteStoredLanguageOnSignIn);
        services.ConfigureApplicationCookie(SessionCookie.Configure);
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, LanguageCircuitHandler>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, SessionCircuitHandler>();
        services.Configure<Microsoft.AspNetCore.Builder.RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new(Languages.English);
            options.SupportedCultures = [.. Languages.Cultures];
            options.SupportedUICultures = [.. Languages.Cultures];
            // The cookie (the switch's, and the one signing in writes from the account), then the browser's languages
            // mapped onto ours; no query string: a shared link does not change the reader's language.
            options.RequestCultureProviders =
            [
                new Microsoft.AspNetCore.Localization.CookieRequestCultureProvider(),
                new AcceptLanguageProvider(),
            ];
        });
        // The integration API's own scheme: a bearer API key, asked for by the API's policy only.
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder().AddRolePolicies()
            .AddPolicy(ApiKeyAuthenticationHandler.Policy, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser());
        services.AddProblemDetails();
        services.AddOpenApi(options => options.AddIntegrationApiDocument());
        services.AddIdentityCore<ApplicationUser>(options =>
            {
                // Only the owner of an email signs in with it: a registration is confirmed through the link mailed to it
                // first (demo, admin and marketplace accounts are confirmed when created). See MarketplaceUsers.
                options.SignIn.RequireConfirmedAccount = true;
                options.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
                options.Password.RequiredLength = 8;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = true;
            })
            .AddRoles<IdentityRole>()
            .AddErrorDescriber<RefundPortal.Components.Account.LocalizedIdentityErrorDescriber>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.AddSingleton<OutboxIdentityEmailSender>();
        services.AddSingleton<IEmailSender<ApplicationUser>>(sp => sp.GetRequiredService<OutboxIdentityEmailSender>());
        services.AddScoped<AccountDeletion>();
        services.AddScoped<DemoWorld>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [DatabaseHealthCheck.Ready]);
        return services;
    }

    /// <summary>
    /// The portal's own services, without the web host or Identity: the database, the clock, the refund policy, each
    /// feature's queries and services, notifications with their mail outbox, and the background workers. The component
    /// tests compose this same set around bUnit's renderer and sign-in.
    /// </summary>
    public static IServiceCollection AddPortalFeatures(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(RefundSettings.ReadPolicy(configuration));
        services.AddSingleton(new PublicUrls(configuration["App:BaseUrl"]));
        services.AddAppDatabase(configuration, environment);
        // Keys with the data: a restart, or a second node, still reads every cookie and token issued before.
        services.AddDataProtection().SetApplicationName("RefundPortal").PersistKeysToDbContext<AppDbContext>();
        services.AddScoped<CurrentUserAccessor>();
        services.AddSingleton<AdminAccess>();
        services.AddSingleton<UserSessions>();
        services.AddHostedService<SessionPurge>();
        services.AddLocalization();
        services.AddScoped<PortalLanguage>();
        services.AddScoped<LanguagePreference>();
        services.AddTransient<MudBlazor.MudLocalizer, PortalMudLocalizer>();
        services.AddScoped<TimeZonePreference>();
        services.AddScoped<ReaderTime>();
        services.AddPortalRateLimits(configuration);
        services.AddScoped<ActionRunner>();

        services.AddScoped<OrderQueries>();
        services.AddScoped<OrderActions>();
        services.AddSingleton<EvidenceStore>();
        services.AddScoped<RefundService>();
        services.AddScoped<RefundQueries>();
        services.AddScoped<ApplicationDrafts>();
        services.AddHostedService<DraftPurge>();
        services.AddScoped<ReturnAddressService>();
        services.AddScoped<DisputeService>();
        services.AddScoped<DisputeQueries>();
        services.AddScoped<StatisticsQueries>();
        services.AddScoped<RefundCsvExport>();

        services.AddOptions<EmailOptions>().Bind(configuration.GetSection("Email")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EmailOptions>, EmailOptionsValidation>();
        if (string.IsNullOrWhiteSpace(configuration["Email:Smtp:Host"]))
            services.AddSingleton<IEmailTransport, PickupDirectoryTransport>();
        else
            services.AddSingleton<IEmailTransport, SmtpEmailTransport>();
        services.AddSingleton<OutboxSender>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxSender>());
        // One node: the in-process hub. Several: Redis pub/sub carries the live notifications between them.
        if (configuration.GetConnectionString("Redis") is { Length: > 0 } redis)
        {
            services.AddSingleton<StackExchange.Redis.IConnectionMultiplexer>(_ =>
            {
                var options = StackExchange.Redis.ConfigurationOptions.Parse(redis);
                // Start even while Redis is away, and reconnect on its own.
                options.AbortOnConnectFail = false;
                return StackExchange.Redis.ConnectionMultiplexer.Connect(options);
            });
            services.AddSingleton<INotificationHub, RedisNotificationHub>();
        }
        else
        {
            services.AddSingleton<INotificationHub, InProcessNotificationHub>();
        }
        services.AddSingleton<RefundNotifier>();
        services.AddScoped<NotificationService>();
        services.AddIntegration(configuration);
        services.AddScoped<UserAdmin>();
        services.AddSingleton<DeadlineWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<DeadlineWorker>());
        return services;
    }
}
