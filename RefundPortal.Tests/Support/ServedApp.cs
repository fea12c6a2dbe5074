namespace RefundPortal.Tests.Support;

/// <summary>One real app process for a test class that talks HTTP to it (no browser).</summary>
public class ServedApp : IAsyncLifetime
{
    public AppServer App { get; private set; } = null!;

    /// <summary>Settings (and environment variables) a derived fixture starts the app with.</summary>
    protected virtual IReadOnlyDictionary<string, string>? Settings => null;

    public async Task InitializeAsync() => App = await AppServer.StartAsync(Settings);

    public async Task DisposeAsync()
    {
        if (App is not null) await App.DisposeAsync();
    }
}
