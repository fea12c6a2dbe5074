using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RefundPortal.Data;
using RefundPortal.Domain;
using RefundPortal.Features.Accounts;
using RefundPortal.Features.Shared;

namespace RefundPortal.Features.Integration.Webhooks;

public sealed record WebhookEndpointRow(int Id, string Url, IReadOnlyList<string> Events, bool Enabled, bool FromSettings, DateTime CreatedAt,
    int Pending, int DeadLetters);

public sealed record WebhookDeliveryRow(long Id, Guid EventId, string Type, int RefundRequestId, DeliveryStatus Status, int Attempts,
    DateTime CreatedAt, DateTime NextAttemptAt, DateTime? DeliveredAt, int? LastStatusCode, string? LastError);

/// <summary>
/// Webhook endpoints for the admin pages: add (with a new secret), enable or disable, delete, their recent deliveries and
/// replay; and, at start, the endpoints of the settings kept in step with the database.
/// </summary>
public sealed class WebhookEndpointService(
    IDbContextFactory<AppDbContext> dbFactory,
    AdminAccess admins,
    IOptions<WebhookOptions> options,
    IHostEnvironment environment,
    WebhookSender sender,
    WebhookAddressPolicy addresses,
    TimeProvider clock,
    ILogger<WebhookEndpointService> logger)
{
    public const string UrlField = "url";
    public const string EventsField = "events";
    public const int MinSecretLength = 16;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<(WebhookEndpointRow Endpoint, string Secret)> AddAsync(CurrentUser admin, string url, IReadOnlyCollection<string> events, CancellationToken ct = default)
    {
        await admins.RequireAsync(admin, ct);
        var clean = CheckUrl(url, environment.IsDevelopment()) is { } error ? throw new RefundValidationException(UrlField, error) : url.Trim();
        if (await CheckAddressAsync(new Uri(clean), ct) is { } refused) throw new RefundValidationException(UrlField, refused);
        var types = CheckEvents(events);
        var endpoint = new WebhookEndpoint { Url = clean, Secret = NewSecret(), Events = string.Join(",", types), CreatedAt = Now };
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.WebhookEndpoints.Add(endpoint);
        await db.SaveChangesAsync(ct);
        return (Row(endpoint, 0, 0), endpoint.Secret);
    }

    /// <summary>The signing secret, for an admin setting up the receiver.</summary>
    public async Task<string> SecretOfAsync(CurrentUser admin, int id, CancellationToken ct = default)
    {
        await admins.RequireAsync(admin, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.WebhookEndpoints.Where(e => e.Id == id).Select(e => e.Secret).SingleOrDefaultAsync(ct) ?? throw new NotFoundException();
    }

    /// <summary>Turns an admin-added endpoint on or off; a disabled endpoint gets no new deliveries and its pending ones wait.</summary>
    public async Task SetEnabledAsync(CurrentUser admin, int id, bool enabled, CancellationToken ct = default)
    {
        await admins.RequireAsync(admin, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var endpoint = await AdminOwnedAsync(db, id, ct);
        endpoint.Enabled = enabled;
        await db.SaveChangesAsync(ct);
        if (enabled) sender.Wake();
    }

    /// <summary>Deletes an admin-added endpoint with its deliveries (the events stay in the feed).</summary>
    public async Task DeleteAsync(CurrentUser admin, int id, CancellationToken ct = default)
    {
        await admins.RequireAsync(admin, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var endpoint = await AdminOwnedAsync(db, id, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.WebhookDeliveries.Where(d => d.EndpointId == id).ExecuteDeleteAsync(ct);
        db.WebhookEndpoints.Remove(endpoint);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    public async Task<Page<WebhookEndpointRow>> ListAsync(CurrentUser admin, int page, int pageSize = Paging.DefaultPageSize, CancellationToken ct = default)
    {
        await admins.RequireAsync(admin, ct);
        var (skip, take, number, size) = Paging.Window(page, pageSize);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var total = await db.WebhookEndpoints.CountAsync(ct);
        var endpoints = await db.WebhookEndpoints.AsNoTracking().OrderBy(e => e.Id).Skip(skip).Take(take).ToListAsync(ct);
        var ids = endpoints.Select(e => e.Id).ToList();
        var counts = await db.WebhookDeliveries
            .Where(d => ids.Contains(d.EndpointId) && d.Status != DeliveryStatus.Delivered)
            .GroupBy(d => new { d.EndpointId, d.Status })
            .Select(g => new { g.Key.EndpointId, g.Key.Status, Count = g.Count() })
            .ToListAsync(ct);
        int Count(int id, DeliveryStatus status) => counts.FirstOrDefault(c => c.EndpointId == id && c.Status == status)?.Count ?? 0;
        var rows = endpoints.Select(e => Row(e, Count(e.Id, DeliveryStatus.Pending), Count(e.Id, DeliveryStatus.DeadLetter))).ToList();
        return new Page<WebhookEndpointRow>(rows, total, number, size);
    }

    /// <summary>An endpoint's deliveries, newest first, optionally only those in one status.</summary>
    public async Task<Page<WebhookDeliveryRow>> DeliveriesAsync(CurrentUser admin, int endpointId, DeliveryStatus? status, int page, int pageSize = Paging.DefaultPageSize,
        CancellationToken ct = default)
    {
        await admins.RequireAsync(admin, ct);
        var (skip, take, number, size) = Paging.Window(page, pageSize);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.WebhookDeliveries.AsNoTracking().Where(d => d.EndpointId == endpointId);
        if (status is { } only) query = query.Where(d => d.Status == only);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(d => d.Id).Skip(skip).Take(take)
            .Select(d => new WebhookDeliveryRow(d.Id, d.Event.EventId, d.Event.Type, d.RefundRequestId, d.Status, d.Attempts, d.CreatedAt,
                d.NextAttemptAt, d.DeliveredAt, d.LastStatusCode, d.LastError))
            .ToListAsync(ct);
        return new Page<WebhookDeliveryRow>(items, total, number, size);
    }

    /// <summary>
    /// Sends a delivery again (a dead letter, or one already delivered that the receiver lost): pending from now, with
    /// its attempts reset. Later events of the same refund wait for it, as they do for any pending delivery.
    /// </summary>
    public async Task ReplayAsync(CurrentUser admin, long deliveryId, CancellationToken ct = default)
    {
        await admins.RequireAsync(admin, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var replayed = await Replay(db.WebhookDeliveries.Where(d => d.Id == deliveryId && d.Status != DeliveryStatus.Pending), ct);
        if (replayed == 0 && !await db.WebhookDeliveries.AnyAsync(d => d.Id == deliveryId, ct)) throw new NotFoundException();
        sender.Wake();
    }

    /// <summary>Every dead letter of an endpoint again, for example once its receiver is fixed; returns how many.</summary>
    public async Task<int> ReplayDeadLettersAsync(CurrentUser admin, int endpointId, CancellationToken ct = default)
    {
        await admins.RequireAsync(admin, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var replayed = await Replay(db.WebhookDeliveries.Where(d => d.EndpointId == endpointId && d.Status == DeliveryStatus.DeadLetter), ct);
        sender.Wake();
        return replayed;
    }

    private Task<int> Replay(IQueryable<WebhookDelivery> deliveries, CancellationToken ct)
    {
        var now = Now;
        return deliveries.ExecuteUpdateAsync(u => u
            .SetProperty(d => d.Status, DeliveryStatus.Pending)
            .SetProperty(d => d.Attempts, 0)
            .SetProperty(d => d.NextAttemptAt, now)
            .SetProperty(d => d.LockedUntil, (DateTime?)null)
            .SetProperty(d => d.LastError, (string?)null), ct);
    }

    /// <summary>
    /// Makes the endpoints of the settings (<c>Webhooks:Endpoints:N</c>) the database's settings endpoints: added,
    /// updated, and disabled when they left the settings. Run at start; a bad endpoint stops the start with its reason.
    /// </summary>
    public async Task SyncFromSettingsAsync(CancellationToken ct)
    {
        var configured = options.Value.Endpoints;
        for (var i = 0; i < configured.Count; i++)
        {
            var e = configured[i];
            // For the operator starting the portal, in English as the logs are.
            if ((CheckUrl(e.Url, environment.IsDevelopment(), CultureInfo.InvariantCulture) ?? CheckLiteral(e.Url)) is { } error)
                throw new InvalidOperationException($"Webhooks:Endpoints:{i}:Url: {error}");
            if (string.IsNullOrWhiteSpace(e.Secret) || e.Secret.Length < MinSecretLength)
                throw new InvalidOperationException($"Webhooks:Endpoints:{i}:Secret must be at least {MinSecretLength} characters.");
            try
            {
                CheckEvents(e.Events.SelectMany(x => x.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList(),
                    CultureInfo.InvariantCulture);
            }
            catch (RefundValidationException invalid)
            {
                throw new InvalidOperationException($"Webhooks:Endpoints:{i}:Events: {invalid.Message}");
            }
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var existing = await db.WebhookEndpoints.Where(e => e.SettingsKey != null).ToListAsync(ct);
        for (var i = 0; i < configured.Count; i++)
        {
            var key = $"settings:{i}";
            var endpoint = existing.FirstOrDefault(e => e.SettingsKey == key);
            if (endpoint is null)
            {
                endpoint = new WebhookEndpoint { SettingsKey = key, CreatedAt = Now };
                db.WebhookEndpoints.Add(endpoint);
            }
            endpoint.Url = configured[i].Url.Trim();
            endpoint.Secret = configured[i].Secret;
            endpoint.Events = string.Join(",", configured[i].Events.SelectMany(x => x.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
            endpoint.Enabled = true;
        }
        foreach (var gone in existing.Where(e => int.Parse(e.SettingsKey!["settings:".Length..]) >= configured.Count)) gone.Enabled = false;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e)
        {
            // Another node starting at the same moment wrote the same settings endpoints: theirs stand.
            logger.LogInformation(e, "The webhook endpoints of the settings were written by another node.");
        }
    }

    /// <summary>
    /// Why this cannot be a webhook address, or null: absolute http(s), no user info; https outside Development. Said in
    /// <paramref name="culture"/>, by default the reader's.
    /// </summary>
    public static string? CheckUrl(string? url, bool allowHttp, CultureInfo? culture = null)
    {
        if (string.IsNullOrWhiteSpace(url)) return IntegrationWords.Get("UrlMissing", culture);
        if (url.Trim().Length > WebhookEndpoint.MaxUrlLength) return IntegrationWords.Format(culture, "UrlTooLong", WebhookEndpoint.MaxUrlLength);
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.UserInfo.Length > 0
            || uri.Fragment.Length > 0)
            return IntegrationWords.Get("UrlNotAbsolute", culture);
        if (uri.Scheme == "http" && !allowHttp) return IntegrationWords.Get("UrlNotHttps", culture);
        return null;
    }

    /// <summary>
    /// Why the portal may not post to this address's host, or null: every address the name resolves to must be one the
    /// policy allows (the connection checks again, as the name may resolve elsewhere later).
    /// </summary>
    private async Task<string?> CheckAddressAsync(Uri uri, CancellationToken ct)
    {
        if (addresses.AllowsEverything) return null;
        IPAddress[] resolved;
        try
        {
            resolved = await WebhookAddressPolicy.ResolveAsync(uri.IdnHost, ct);
        }
        catch (SocketException)
        {
            return IntegrationWords.Format("UrlHostNotFound", uri.IdnHost);
        }
        if (resolved.Length == 0) return IntegrationWords.Format("UrlHostNotFound", uri.IdnHost);
        var refused = resolved.Where(a => !addresses.Allows(a)).ToList();
        if (refused.Count == 0) return null;
        return uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
            ? IntegrationWords.Format("UrlAddressNotPublic", uri.IdnHost)
            : IntegrationWords.Format("UrlHostNotPublic", uri.IdnHost, string.Join(", ", refused));
    }

    /// <summary>
    /// For an endpoint of the settings, at start: an IP address the policy refuses stops the start. A host name is not
    /// looked up here (a DNS hiccup must not stop the portal); the connection judges what it resolves to.
    /// </summary>
    private string? CheckLiteral(string url) =>
        Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && IPAddress.TryParse(uri.IdnHost, out var literal) && !addresses.Allows(literal)
            ? IntegrationWords.Format(CultureInfo.InvariantCulture, "UrlAddressNotPublic", uri.IdnHost)
            : null;

    private static List<string> CheckEvents(IReadOnlyCollection<string> events, CultureInfo? culture = null)
    {
        var types = events.Select(e => e.Trim()).Where(e => e.Length > 0).Distinct().ToList();
        var unknown = types.Where(t => !IntegrationEventTypes.All.Contains(t)).ToList();
        if (unknown.Count > 0) throw new RefundValidationException(EventsField, IntegrationWords.Format(culture, "UnknownEventType", string.Join(", ", unknown)));
        return types;
    }

    private static async Task<WebhookEndpoint> AdminOwnedAsync(AppDbContext db, int id, CancellationToken ct)
    {
        var endpoint = await db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == id, ct) ?? throw new NotFoundException();
        if (endpoint.FromSettings) throw new DomainException(IntegrationWords.Get("FromSettings"));
        return endpoint;
    }

    private static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');

    private static WebhookEndpointRow Row(WebhookEndpoint e, int pending, int deadLetters) =>
        new(e.Id, e.Url, e.EventTypes, e.Enabled, e.FromSettings, e.CreatedAt, pending, deadLetters);
}
