using System.Globalization;
using System.Resources;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Microsoft.JSInterop;
using RefundPortal.Domain;
using RefundPortal.Features.Accounts;

namespace RefundPortal.Features.Shared;

/// <summary>
/// How a page's action ended: done; refused, with field errors or a message; failed unexpectedly (<see cref="Failed"/>,
/// with the message naming the reference); or abandoned because the circuit closed (no message).
/// </summary>
public sealed record ActionOutcome(bool Done, string? Message, IReadOnlyDictionary<string, string> Errors, bool Failed = false)
{
    private static readonly IReadOnlyDictionary<string, string> NoErrors = new Dictionary<string, string>();

    public static ActionOutcome Success { get; } = new(true, null, NoErrors);
    public static ActionOutcome Abandoned { get; } = new(false, null, NoErrors);
    public static ActionOutcome Invalid(IReadOnlyDictionary<string, string> errors) => new(false, null, errors);
    public static ActionOutcome Refused(string message) => new(false, message, NoErrors);
    public static ActionOutcome Unexpected(string reference) => new(false, ActionRunner.FailedMessage(reference), NoErrors, Failed: true);
}

/// <summary>
/// Runs every action a page starts (a click, a submit, a switch), one per circuit. Refusals the user can act on come
/// back as their messages; anything else is logged with a fresh reference and becomes one message naming it, so no
/// exception ever reaches the renderer and ends the circuit. When the circuit closes, the token the action was given is
/// cancelled and what that cancels is not reported.
/// </summary>
public sealed class ActionRunner(ILogger<ActionRunner> logger) : IDisposable
{
    // Read when an action ends, in the circuit's language (the circuit applies it to every inbound call); static, so
    // the outcome's factory and tests read the same words without a localizer.
    private static readonly ResourceManager Words = new(typeof(SharedText));

    /// <summary>What a refusal says when the thing acted on is gone or not the user's (a <see cref="NotFoundException"/>).</summary>
    public static string NotThere => Words.GetString(nameof(NotThere), CultureInfo.CurrentUICulture) ?? nameof(NotThere);

    private readonly CancellationTokenSource closing = new();

    public static string FailedMessage(string reference) =>
        string.Format(CultureInfo.CurrentCulture, Words.GetString("Failed", CultureInfo.CurrentUICulture) ?? "{0}", reference);

    /// <summary>Runs the action with a token that is cancelled when the circuit closes; the caller's names go into the log.</summary>
    public async Task<ActionOutcome> RunAsync(Func<CancellationToken, Task> action, [CallerMemberName] string member = "",
        [CallerFilePath] string file = "")
    {
        var name = $"{Path.GetFileNameWithoutExtension(file)}.{member}";
        try
        {
            await action(closing.Token);
            return ActionOutcome.Success;
        }
        catch (RefundValidationException e)
        {
            return ActionOutcome.Invalid(e.Errors);
        }
        catch (DomainException e)
        {
            return ActionOutcome.Refused(e.Message);
        }
        catch (NotFoundException)
        {
            return ActionOutcome.Refused(NotThere);
        }
        catch (ForbiddenException e)
        {
            return ActionOutcome.Refused(e.Message);
        }
        catch (ActionCancelledException)
        {
            return ActionOutcome.Abandoned;
        }
        catch (Exception e) when (e is JSDisconnectedException || (e is OperationCanceledException && closing.IsCancellationRequested))
        {
            logger.LogDebug(e, "{Action} stopped: the circuit closed.", name);
            return ActionOutcome.Abandoned;
        }
        catch (Exception e)
        {
            var reference = Convert.ToHexString(RandomNumberGenerator.GetBytes(6));
            logger.LogError(e, "{Action} failed unexpectedly. Reference: {Reference}", name, reference);
            return ActionOutcome.Unexpected(reference);
        }
    }

    /// <summary>The circuit's scope ends. The source is only cancelled, not disposed: an action still running may read its token.</summary>
    public void Dispose() => closing.Cancel();
}

/// <summary>The person said no at a confirmation: the action ends quietly, having changed nothing.</summary>
public sealed class ActionCancelledException() : Exception("Cancelled at the confirmation.");
