namespace RefundPortal.Data;

/// <summary>
/// The server listens as soon as the schema is migrated; what can wait (the demo world on a new database, the webhook
/// endpoints from the settings) runs after. Until that is done the readiness check answers 503, so a load balancer
/// sends nobody yet, and the deadline worker waits before its first pass.
/// </summary>
public sealed class StartupGate
{
    private readonly TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsOpen => done.Task.IsCompleted;

    public Task WaitAsync(CancellationToken ct) => done.Task.WaitAsync(ct);

    public void Open() => done.TrySetResult();
}
