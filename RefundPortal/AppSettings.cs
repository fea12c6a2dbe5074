using System.Net;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace RefundPortal;

internal static class AppSettings
{
    /// <summary>
    /// The app's one settings file sits at the repository root and is copied beside the binaries. Read it from there,
    /// in the place of the content root's appsettings.json, so environment variables and arguments still override it.
    /// </summary>
    public static void UseRootAppSettings(this ConfigurationManager configuration)
    {
        var sources = configuration.Sources;
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is not JsonConfigurationSource { Path: "appsettings.json" } json) continue;
            sources[i] = new JsonConfigurationSource
            {
                Path = "appsettings.json",
                Optional = false,
                ReloadOnChange = json.ReloadOnChange,
                FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
            };
            return;
        }
    }

    /// <summary>A list setting, as a JSON array or as one comma-separated value (handier in an environment variable).</summary>
    public static List<string> Values(this IConfigurationSection section)
    {
        var items = section.GetChildren().Select(c => c.Value).OfType<string>().ToList();
        if (items.Count == 0 && section.Value is { } single) items = [.. single.Split(',')];
        return items.Select(i => i.Trim()).Where(i => i.Length > 0).ToList();
    }

    /// <summary>A list of networks in CIDR form, read as <see cref="Values"/>; a malformed entry stops the start, naming the setting.</summary>
    public static List<IPNetwork> Networks(this IConfigurationSection section) =>
        section.Values().Select(network => IPNetwork.TryParse(network, out var parsed)
            ? parsed
            : throw new InvalidOperationException($"{section.Path}: '{network}' is not a network in CIDR form, like 10.0.0.0/8.")).ToList();
}
