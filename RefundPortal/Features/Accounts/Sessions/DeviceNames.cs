namespace RefundPortal.Features.Accounts.Sessions;

/// <summary>The browser and system behind a User-Agent, as a person names them ("Edge", "Windows"; "Safari", "iPhone").</summary>
public static class DeviceNames
{
    // Order matters: Edge and Opera say "Chrome" too, Chrome says "Safari", Android says "Linux", iOS says "Mac OS X".
    private static readonly (string Token, string Name)[] Browsers =
    [
        ("Edg/", "Edge"), ("OPR/", "Opera"), ("Firefox/", "Firefox"), ("FxiOS/", "Firefox"), ("CriOS/", "Chrome"),
        ("Chromium/", "Chromium"), ("Chrome/", "Chrome"), ("Safari/", "Safari"),
    ];

    private static readonly (string Token, string Name)[] Systems =
    [
        ("iPhone", "iPhone"), ("iPad", "iPad"), ("Android", "Android"), ("CrOS", "ChromeOS"), ("Windows", "Windows"),
        ("Macintosh", "macOS"), ("Mac OS X", "macOS"), ("Linux", "Linux"),
    ];

    /// <summary>Each null when not recognised.</summary>
    public static (string? Browser, string? Platform) Of(string? userAgent) =>
        string.IsNullOrWhiteSpace(userAgent)
            ? (null, null)
            : (Browsers.FirstOrDefault(b => userAgent.Contains(b.Token, StringComparison.Ordinal)).Name,
               Systems.FirstOrDefault(s => userAgent.Contains(s.Token, StringComparison.Ordinal)).Name);
}
