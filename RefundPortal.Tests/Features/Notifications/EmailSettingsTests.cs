using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using RefundPortal.Features.Notifications.Email;

namespace RefundPortal.Tests.Features.Notifications;

/// <summary>The Email settings as the host checks them at start-up (nothing is sent; no database is opened).</summary>
public sealed class EmailSettingsTests
{
    private static ServiceProvider Compose(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
        var root = Path.GetTempPath();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        var environment = new HostingEnvironment
        {
            EnvironmentName = "Testing", ApplicationName = "RefundPortal", ContentRootPath = root,
            ContentRootFileProvider = new Microsoft.Extensions.FileProviders.NullFileProvider(),
        };
        services.AddSingleton<Microsoft.Extensions.Hosting.IHostEnvironment>(environment);
        services.AddPortalFeatures(configuration, environment);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void TheDefaultSettingsPassTheStartUpCheck()
    {
        using var services = Compose();

        services.GetRequiredService<IStartupValidator>().Validate();
        Assert.NotNull(services.GetRequiredService<OutboxSender>());
    }

    [Theory]
    [InlineData("RefundPortal <no-reply@")]
    [InlineData("a(b@example.com")]
    [InlineData("one@example.com, two@example.com")]
    [InlineData("")]
    public void AFromMailKitCannotTakeStopsTheStartNamingTheSetting(string from)
    {
        using var services = Compose(("Email:From", from));

        var refused = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("Email:From", refused.Message);
        Assert.Contains(from, refused.Message);
        // The sender itself, which parses the sender address once, refuses to exist with it.
        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<OutboxSender>());
    }
}
