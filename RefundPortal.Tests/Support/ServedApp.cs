namespace RefundPortal.Tests.Support;

/// <summary>One real app process for a test class that talks HTTP to it (no browser).</summary>
public sealed class ServedApp : IAsyncLifetime
{
    public AppServer App { get; private set; } = null!;

    public async Task InitializeAsync() => App = await AppServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (App is not null) await App.DisposeAsync();
    }
}
