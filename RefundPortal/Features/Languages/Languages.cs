using System.Globalization;

namespace RefundPortal.Features.Languages;

/// <summary>
/// The portal's languages: English (the default, and the resources without a culture suffix) and Simplified Chinese.
/// Adding one means adding its resource files and its tag here.
/// </summary>
public static class Languages
{
    public const string English = "en";
    public const string Chinese = "zh-CN";
    public const int MaxTagLength = 16;

    public static readonly IReadOnlyList<string> Supported = [English, Chinese];

    public static IReadOnlyList<CultureInfo> Cultures { get; } = [.. Supported.Select(CultureInfo.GetCultureInfo)];

    /// <summary>The name each language has in itself, as the switch shows it.</summary>
    public static string NativeName(string tag) => tag == Chinese ? "中文" : "English";

    /// <summary>
    /// A supported tag for a browser's or a person's language tag, or null: zh, zh-CN, zh-Hans(-*) and zh-SG are
    /// Simplified Chinese, en(-*) English. Traditional Chinese (zh-TW, zh-HK, zh-Hant) is not offered: null.
    /// </summary>
    public static string? Match(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag)) return null;
        var t = tag.Trim();
        if (Is(t, "en")) return English;
        if (t.Equals("zh", StringComparison.OrdinalIgnoreCase) || Is(t, "zh-CN") || Is(t, "zh-Hans") || Is(t, "zh-SG")) return Chinese;
        return null;
    }

    /// <summary>The culture of a supported tag; English for anything else.</summary>
    public static CultureInfo CultureOf(string? tag) => CultureInfo.GetCultureInfo(Match(tag) ?? English);

    private static bool Is(string tag, string prefix) =>
        tag.Equals(prefix, StringComparison.OrdinalIgnoreCase) || tag.StartsWith(prefix + "-", StringComparison.OrdinalIgnoreCase);
}
