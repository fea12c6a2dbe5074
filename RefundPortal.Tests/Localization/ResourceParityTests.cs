using System.Text.RegularExpressions;
using System.Xml.Linq;
using RefundPortal.Features.Languages;
using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Localization;

/// <summary>Every resource file of the app has a translation for every language, with the same keys and placeholders.</summary>
public sealed partial class ResourceParityTests
{
    public static TheoryData<string, string> Translations()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in SourceTree.ResourceBaseFiles())
            foreach (var tag in Languages.Supported.Where(t => t != Languages.English))
                data.Add(SourceTree.Relative(file), tag);
        return data;
    }

    [Fact]
    public void TheScanFindsTheResourceFiles()
    {
        // A scan that found nothing would pass every parity check below.
        Assert.Contains("Features/Orders/OrderText.resx", SourceTree.ResourceBaseFiles().Select(SourceTree.Relative));
        Assert.Contains("Domain/DomainText.resx", SourceTree.ResourceBaseFiles().Select(SourceTree.Relative));
    }

    [Theory]
    [MemberData(nameof(Translations))]
    public void EachLanguageHasTheSameKeys(string baseFile, string tag)
    {
        var neutral = Read(SourceTree.Absolute(baseFile));
        var translated = SourceTree.Absolute(baseFile[..^".resx".Length] + $".{tag}.resx");
        Assert.True(File.Exists(translated), $"{baseFile} has no {tag} translation");
        var other = Read(translated);

        Assert.Empty(neutral.Keys.Except(other.Keys).Select(k => $"{k} is missing in {tag}"));
        Assert.Empty(other.Keys.Except(neutral.Keys).Select(k => $"{k} is only in {tag}"));
        foreach (var (key, text) in neutral)
            Assert.True(Placeholders(text).SetEquals(Placeholders(other[key])), $"{key}: the {tag} text has other placeholders than the English");
        Assert.All(other, e => Assert.False(string.IsNullOrWhiteSpace(e.Value), $"{e.Key} is empty in {tag}"));
    }

    [Fact]
    public void NoTranslationLacksItsEnglish()
    {
        var bases = SourceTree.ResourceBaseFiles().ToHashSet();
        var orphans = Directory.EnumerateFiles(SourceTree.App, "*.resx", SearchOption.AllDirectories)
            .Where(f => !SourceTree.IsBuildOutput(f))
            .Where(f => Languages.Supported.Any(t => f.EndsWith($".{t}.resx", StringComparison.Ordinal)))
            .Where(f => !bases.Contains(f[..^(Path.GetExtension(Path.GetFileNameWithoutExtension(f)).Length + ".resx".Length)] + ".resx"))
            .Select(SourceTree.Relative);
        Assert.Empty(orphans);
    }

    private static Dictionary<string, string> Read(string path) =>
        XDocument.Load(path).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    private static HashSet<string> Placeholders(string text) => [.. PlaceholderPattern().Matches(text).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex PlaceholderPattern();
}
