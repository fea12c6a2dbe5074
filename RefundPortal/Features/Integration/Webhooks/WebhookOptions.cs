using System.ComponentModel.DataAnnotations;

namespace RefundPortal.Features.Integration.Webhooks;

/// <summary>The <c>Webhooks</c> settings: endpoints an operator configures, and how deliveries are retried.</summary>
public sealed class WebhookOptions
{
    public List<EndpointSetting> Endpoints { get; set; } = [];
    /// <summary>One request, from connecting to the last byte of the answer.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);
    public int MaxAttempts { get; set; } = 12;
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>How far a receiver should accept a signature's timestamp from its own clock (documented, and used by the tests' receiver).</summary>
    public static readonly TimeSpan SignatureTolerance = TimeSpan.FromMinutes(5);

    public sealed class EndpointSetting
    {
        public string Url { get; set; } = "";
        public string Secret { get; set; } = "";
        /// <summary>Event types, comma-separated or as a list; empty for all.</summary>
        public List<string> Events { get; set; } = [];
    }
}
