using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RefundPortal.Features.Integration.Api;

/// <summary>The API's JSON: camelCase, times in ISO 8601 UTC, enum values in snake_case, nulls written (a stable shape).</summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new UtcDateTimeConverter() },
    };

    /// <summary>An enum value as the API spells it: <c>AwaitingSeller</c> → <c>awaiting_seller</c>.</summary>
    public static string Name<T>(T value) where T : struct, Enum => Snake(value.ToString());

    public static string? Name<T>(T? value) where T : struct, Enum => value is { } v ? Name(v) : null;

    public static string Snake(string pascal)
    {
        var text = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (char.IsUpper(pascal[i]) && i > 0) text.Append('_');
            text.Append(char.ToLowerInvariant(pascal[i]));
        }
        return text.ToString();
    }

    /// <summary>Every time the API writes is UTC with a Z; times it reads may carry any offset and are taken to UTC.</summary>
    private sealed class UtcDateTimeConverter : JsonConverter<DateTime>
    {
        public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetDateTimeOffset().UtcDateTime;

        public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
            writer.WriteStringValue(DateTime.SpecifyKind(value, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture));
    }
}
