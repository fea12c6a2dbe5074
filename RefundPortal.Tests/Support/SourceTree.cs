using RefundPortal.Features.Languages;

namespace RefundPortal.Tests.Support;

/// <summary>The app's source files, found from the test binaries' folder upwards: what the localization scans read.</summary>
internal static class SourceTree
{
    public static string App { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var app = Path.Combine(dir.FullName, "RefundPortal");
            if (File.Exists(Path.Combine(app, "RefundPortal.csproj"))) return app;
        }
        throw new InvalidOperationException("The RefundPortal project folder was not found above " + AppContext.BaseDirectory);
    }

    public static bool IsBuildOutput(string path) =>
        path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") || path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}");

    /// <summary>The English resource files: every .resx without a language suffix.</summary>
    public static IEnumerable<string> ResourceBaseFiles() =>
        Directory.EnumerateFiles(App, "*.resx", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(f))
            .Where(f => !Languages.Supported.Any(t => f.EndsWith($".{t}.resx", StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal);

    public static IEnumerable<string> RazorFiles() =>
        Directory.EnumerateFiles(App, "*.razor", SearchOption.AllDirectories).Where(f => !IsBuildOutput(f)).Order(StringComparer.Ordinal);

    public static string Relative(string path) => Path.GetRelativePath(App, path).Replace(Path.DirectorySeparatorChar, '/');

    public static string Absolute(string relative) => Path.Combine(App, relative.Replace('/', Path.DirectorySeparatorChar));
}
