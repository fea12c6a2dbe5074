namespace RefundPortal.Features.Integration.Webhooks;

/// <summary>
/// Where the portal posts its events. Endpoints come from the settings (<c>Webhooks:Endpoints:N</c>, kept in step at
/// start and read-only on the admin page) or are added by an admin. Each has its own signing secret.
/// </summary>
public sealed class WebhookEndpoint
{
    public const int MaxUrlLength = 500;

    public int Id { get; set; }
    public string Url { get; set; } = "";
    /// <summary>The HMAC key the receiver verifies signatures with; needed in clear to sign, so kept as the receiver's password would be.</summary>
    public string Secret { get; set; } = "";
    /// <summary>Event types sent to this endpoint, comma-separated; empty means every type.</summary>
    public string Events { get; set; } = "";
    public bool Enabled { get; set; } = true;
    /// <summary>Set for an endpoint from the settings (<c>Webhooks:Endpoints:N</c>); null for one an admin added.</summary>
    public string? SettingsKey { get; set; }
    public DateTime CreatedAt { get; set; }

    public bool FromSettings => SettingsKey is not null;

    public IReadOnlyList<string> EventTypes => Events.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public bool Wants(string type) => EventTypes is not { Count: > 0 } types || types.Contains(type);
}
