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
}
