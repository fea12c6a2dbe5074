using Microsoft.EntityFrameworkCore;
using RefundPortal.Data;
using RefundPortal.Domain;
using RefundPortal.Features.Refunds;

namespace RefundPortal.Features.Deadlines;

/// <summary>
/// Executes missed deadlines and sends the reminders before them. Deadlines live in the database, so after downtime
/// the overdue ones run at the first pass. Due requests are read through the deadline index in batches (keyset on
/// deadline and id), never all at once. A batch executes in one transaction, each request under its version token, so
/// a person acting at the same moment, a second worker or a restart in the middle cannot run one twice; when the batch
/// fails (a conflict, or one request that cannot be expired), each of its requests is tried alone.
/// </summary>
public sealed class DeadlineWorker(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, RefundPolicy policy,
    StartupGate startup, ILogger<DeadlineWorker> logger) : BackgroundService
{
    public const int BatchSize = 100;

    /// <summary>Called after each batch of executions has committed: where a test stops a pass "in the middle".</summary>
    internal Action? BatchCommitted { get; set; }

    private readonly TimeSpan interval = configuration.GetValue("Refunds:DeadlineCheckInterval", TimeSpan.FromSeconds(30));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The first pass waits for the end of start-up: the server listens and the demo world exists first.
        try { await startup.WaitAsync(stoppingToken); }
        catch (OperationCanceledException) { return; }
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "The deadline pass failed; the next one tries again.");
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try { return await timer.WaitForNextTickAsync(ct); }
        catch (OperationCanceledException) { return false; }
    }

    /// <summary>One pass: every due deadline executed, every due reminder sent. Returns (executed, reminded).</summary>
    public async Task<(int Executed, int Reminded)> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(ct);
        await using var _ = db;
        var refunds = scope.ServiceProvider.GetRequiredService<RefundService>();
        var now = clock.GetUtcNow().UtcDateTime;

        var waitingOnAParty = RefundStatusRules.ExpiringAutomatically.ToArray();
        var executed = 0;
        await foreach (var batch in DueAsync(db, r => waitingOnAParty.Contains(r.Status) && r.DeadlineAt <= now, ct))
        {
            try
            {
                executed += await refunds.ExpireAllAsync(batch, ct);
            }
            catch (Exception) when (!ct.IsCancellationRequested)
            {
                foreach (var id in batch)
                    if (await IsolatedAsync("execute the deadline of", id, () => refunds.ExpireAsync(id, ct), ct)) executed++;
            }
            BatchCommitted?.Invoke();
        }

        var remindFrom = now + policy.Reminder;
        var reminded = 0;
        await foreach (var batch in DueAsync(db, r => waitingOnAParty.Contains(r.Status) && r.ReminderSentAt == null
                                                      && r.DeadlineAt > now && r.DeadlineAt <= remindFrom, ct))
            foreach (var id in batch)
                if (await IsolatedAsync("send the reminder of", id, () => refunds.RemindAsync(id, ct), ct)) reminded++;

        if (executed + reminded > 0) logger.LogInformation("Deadlines: {Executed} executed, {Reminded} reminded.", executed, reminded);
        return (executed, reminded);
    }

    /// <summary>
    /// One request's step, on its own: a request that throws (corrupt data, a bug in one status) is logged and left as it
    /// is, still due, so the next pass tries it again, and the requests behind it in this pass still run.
    /// </summary>
    private async Task<bool> IsolatedAsync(string what, int id, Func<Task<bool>> step, CancellationToken ct)
    {
        try
        {
            return await step();
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.LogError(e, "Could not {What} refund #{Id}; the next pass tries again.", what, id);
            return false;
        }
    }

    /// <summary>The ids matching the filter in deadline order, one batch at a time.</summary>
    private static async IAsyncEnumerable<IReadOnlyList<int>> DueAsync(AppDbContext db, System.Linq.Expressions.Expression<Func<RefundRequest, bool>> filter,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        DateTime lastAt = DateTime.MinValue;
        var lastId = 0;
        while (true)
        {
            var batch = await db.RefundRequests.AsNoTracking().Where(filter)
                .Where(r => r.DeadlineAt > lastAt || (r.DeadlineAt == lastAt && r.Id > lastId))
                .OrderBy(r => r.DeadlineAt).ThenBy(r => r.Id)
                .Select(r => new { r.Id, DeadlineAt = r.DeadlineAt!.Value })
                .Take(BatchSize).ToListAsync(ct);
            if (batch.Count > 0) yield return [.. batch.Select(row => row.Id)];
            if (batch.Count < BatchSize) yield break;
            (lastAt, lastId) = (batch[^1].DeadlineAt, batch[^1].Id);
        }
    }
}
