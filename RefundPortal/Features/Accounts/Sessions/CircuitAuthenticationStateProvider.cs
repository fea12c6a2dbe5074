using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using RefundPortal.Features.Notifications;

namespace RefundPortal.Features.Accounts.Sessions;

/// <summary>
/// An open page's sign-in, kept true to the account: the circuit starts with the cookie's principal, and checks its
/// session again (<see cref="UserSessions.ValidateAsync"/>) as soon as the hub says the account's access changed (a
/// role granted or taken away, "Sign out everywhere else", a new password, the account closed or reclaimed, on any
/// node) and at least every <see cref="Interval"/>. An ended session leaves the page signed out; new roles replace the
/// old ones in place, so menus, pages and services follow at once.
/// </summary>
public sealed class CircuitAuthenticationStateProvider : AuthenticationStateProvider, IHostEnvironmentAuthenticationStateProvider, IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    private static readonly AuthenticationState SignedOut = new(new ClaimsPrincipal(new ClaimsIdentity()));

    private readonly UserSessions sessions;
    private readonly INotificationHub hub;
    private readonly ILogger<CircuitAuthenticationStateProvider> logger;
    private readonly CancellationTokenSource stop = new();
    private readonly SemaphoreSlim changed = new(0);
    private Task<AuthenticationState>? state;
    private IDisposable? subscription;
    private string? watched;

    public CircuitAuthenticationStateProvider(UserSessions sessions, INotificationHub hub, ILogger<CircuitAuthenticationStateProvider> logger)
    {
        (this.sessions, this.hub, this.logger) = (sessions, hub, logger);
    }

    public override Task<AuthenticationState> GetAuthenticationStateAsync() =>
        state ?? throw new InvalidOperationException($"{nameof(GetAuthenticationStateAsync)} was called before {nameof(SetAuthenticationState)}.");

    /// <summary>Called by the framework with the principal of the request (a static page) or of the one that opened the circuit.</summary>
    public void SetAuthenticationState(Task<AuthenticationState> authenticationStateTask)
    {
        state = authenticationStateTask ?? throw new ArgumentNullException(nameof(authenticationStateTask));
        NotifyAuthenticationStateChanged(state);
    }

    /// <summary>
    /// Keeps the sign-in checked for as long as the circuit lives (<see cref="SessionCircuitHandler"/> calls it when a
    /// circuit opens; a static page's request was checked by its cookie and ends anyway).
    /// </summary>
    public void StartWatching()
    {
        if (state is not null) _ = WatchAsync(state);
    }

    private async Task WatchAsync(Task<AuthenticationState> initial)
    {
        var principal = (await initial).User;
        if (principal.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId || watched is not null) return;
        watched = userId;
        subscription = hub.SubscribeToAccess(userId, () =>
        {
            if (changed.CurrentCount == 0) changed.Release();
            return Task.CompletedTask;
        });
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await changed.WaitAsync(Interval, stop.Token);
                var valid = await sessions.ValidateAsync(principal, stop.Token);
                if (ReferenceEquals(valid, principal)) continue;
                principal = valid ?? SignedOut.User;
                Set(valid is null ? SignedOut : new AuthenticationState(valid));
                if (valid is null) return;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database away for a moment: the page keeps its sign-in and the next check tries again.
                logger.LogWarning(e, "Checking the session of an open page failed; it is checked again within {Interval}.", Interval);
            }
        }
    }

    private void Set(AuthenticationState next)
    {
        state = Task.FromResult(next);
        NotifyAuthenticationStateChanged(state);
    }

    public void Dispose()
    {
        stop.Cancel();
        subscription?.Dispose();
        stop.Dispose();
    }
}

/// <summary>Starts the open page's session checks (<see cref="CircuitAuthenticationStateProvider.StartWatching"/>) when its circuit opens.</summary>
public sealed class SessionCircuitHandler(AuthenticationStateProvider authentication) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        (authentication as CircuitAuthenticationStateProvider)?.StartWatching();
        return Task.CompletedTask;
    }
}
