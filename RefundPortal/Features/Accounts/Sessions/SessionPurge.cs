using RefundPortal.Data;

namespace RefundPortal.Features.Accounts.Sessions;

/// <summary>Deletes dead sessions every hour (one statement; every node may run it).</summary>
public sealed class SessionPurge(UserSessions sessions, StartupGate startup, ILogger<SessionPurge> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await startup.WaitAsync(stoppingToken);
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        do
        {
            try
            {
                await sessions.PurgeAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Deleting ended sessions failed; trying again in an hour.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
