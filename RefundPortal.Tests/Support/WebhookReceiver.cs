using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RefundPortal.Tests.Support;

/// <summary>
/// A marketplace's webhook receiver, on 127.0.0.1 over real HTTP, written the way the README tells receivers to be:
/// it verifies every signature (HMAC-SHA256 of "t.body", timestamp within 5 minutes) on its own, independently of the
/// portal's code, and deduplicates on the event id. By default it answers 500 to the first attempt of every event and
/// 200 afterwards, so every test also proves the retry.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public const string Secret = "whsec_receiver_test_secret_0123456789";
    public const string DownBody = "maintenance: db-primary.internal:5432 unreachable";
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    private readonly WebApplication app;
    private readonly object gate = new();
    private readonly List<Received> accepted = [];
    private readonly Dictionary<Guid, int> attempts = [];
    private readonly List<string> refused = [];
    private int duplicates;
    private int requests;

    private WebhookReceiver(WebApplication app) => this.app = app;

    /// <summary>One accepted event, in the order the receiver accepted them.</summary>
    public sealed record Received(Guid EventId, string Type, int RefundId, JsonElement Body);

    public Uri Url { get; private set; } = null!;
    /// <summary>The receiver's clock for the timestamp check (a test on a fake clock passes it in).</summary>
    public Func<DateTimeOffset> Now { get; set; } = () => DateTimeOffset.UtcNow;
    public bool FailFirstAttempt { get; set; } = true;
    /// <summary>While set, every attempt gets a 503 with <see cref="DownBody"/> (a receiver that is down).</summary>
    public bool FailAll { get; set; }
    /// <summary>While set, every request waits this long before answering (a receiver that hangs).</summary>
    public TimeSpan? Stall { get; set; }

    public IReadOnlyList<Received> Accepted { get { lock (gate) return [.. accepted]; } }
    /// <summary>Requests refused for a missing, malformed, wrong or stale signature: must stay empty.</summary>
    public IReadOnlyList<string> Refused { get { lock (gate) return [.. refused]; } }
    /// <summary>Events posted again after the receiver had accepted them (a 2xx): exactly-once means zero.</summary>
    public int Duplicates { get { lock (gate) return duplicates; } }
    /// <summary>Every request that reached the receiver, to any path, whatever it carried.</summary>
    public int Requests { get { lock (gate) return requests; } }
    public int AttemptsOf(Guid eventId) { lock (gate) return attempts.GetValueOrDefault(eventId); }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.Use((context, next) =>
        {
            lock (receiver.gate) receiver.requests++;
            return next(context);
        });
        app.MapPost("/hooks", receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(new Uri(address), "/hooks");
        return receiver;
    }

    private async Task<IResult> HandleAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        if (Verify(request.Headers["RefundPortal-Signature"].ToString(), body) is { } problem)
        {
            lock (gate) refused.Add(problem);
            return Results.BadRequest(problem);
        }
        var json = JsonDocument.Parse(body).RootElement.Clone();
        var id = json.GetProperty("id").GetGuid();
        if (request.Headers["RefundPortal-Event-Id"].ToString() != id.ToString())
        {
            lock (gate) refused.Add($"RefundPortal-Event-Id does not match the body's id {id}");
            return Results.BadRequest();
        }
        if (Stall is { } stall)
        {
            // A sender that gave up closed the connection: that attempt never reached an answer, so it does not count.
            try { await Task.Delay(stall, request.HttpContext.RequestAborted); }
            catch (OperationCanceledException) { return Results.Empty; }
        }
        lock (gate)
        {
            var attempt = attempts[id] = attempts.GetValueOrDefault(id) + 1;
            // With a body of its own, which the portal must never show on its pages.
            if (FailAll) return Results.Text(DownBody, statusCode: 503);
            if (attempt == 1 && FailFirstAttempt) return Results.StatusCode(500);
            if (accepted.Any(a => a.EventId == id))
            {
                duplicates++;
                return Results.Ok();
            }
            accepted.Add(new Received(id, json.GetProperty("type").GetString()!, json.GetProperty("data").GetProperty("refund").GetProperty("id").GetInt32(), json));
        }
        return Results.Ok();
    }

    /// <summary>The receiver's side of the signature scheme, as the README describes it; null when the request is genuine.</summary>
    private string? Verify(string header, byte[] body)
    {
        var parts = header.Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        if (!parts.TryGetValue("t", out var t) || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || !parts.TryGetValue("v1", out var v1))
            return $"malformed signature header '{header}'";
        var age = Now() - DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (age.Duration() > Tolerance) return $"timestamp {seconds} is {age} away from the receiver's clock";
        byte[] signed = [.. Encoding.UTF8.GetBytes(t + "."), .. body];
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), signed);
        byte[] given;
        try { given = Convert.FromHexString(v1); } catch (FormatException) { return "v1 is not hex"; }
        return CryptographicOperations.FixedTimeEquals(expected, given) ? null : "signature does not match";
    }

    /// <summary>Waits (bounded) until the accepted events satisfy the condition.</summary>
    public async Task<IReadOnlyList<Received>> WaitForAsync(Func<IReadOnlyList<Received>, bool> condition, TimeSpan? timeout = null,
        Func<Task>? poke = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var now = Accepted;
            if (condition(now)) return now;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The receiver has {now.Count} events: {string.Join(", ", now.Select(e => $"{e.RefundId}:{e.Type}"))}; refused: {string.Join("; ", Refused)}");
            if (poke is not null) await poke();
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
