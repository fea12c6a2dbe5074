namespace RefundPortal.Tests.Support;

/// <summary>
/// A served app of one test class's own (a class fixture): for tests that apply for refunds on the demo accounts to
/// reach pages, without changing the demo world the other browser tests share.
/// </summary>
public sealed class OwnApp : IAsyncLifetime
{
    public AppServer App { get; private set; } = null!;
    public async Task InitializeAsync() => App = await AppServer.StartAsync();
    public async Task DisposeAsync() => await App.DisposeAsync();
}
