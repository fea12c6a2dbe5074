using System.Text.Json;
using Microsoft.Playwright;

namespace RefundPortal.Tests.Support;

/// <summary>
/// axe-core (the npm package, installed by test.sh into RefundPortal.Tests/node_modules) run inside a page: the
/// WCAG 2.2 A and AA rules, and what it finds of critical or serious impact.
/// </summary>
public static class Axe
{
    private static readonly Lazy<string> Source = new(() => File.ReadAllText(ScriptPath()));

    /// <summary>Each critical or serious violation on the page as it is now: rule, impact, help and the first elements.</summary>
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        // Evaluated through the browser's debugging protocol, so the portal's Content-Security-Policy does not refuse it.
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'")) await page.EvaluateAsync(Source.Value);
        var json = await page.EvaluateAsync<string>("""
            async () => {
              const results = await axe.run(document, {
                runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
                resultTypes: ['violations'],
              });
              return JSON.stringify(results.violations
                .filter(v => v.impact === 'critical' || v.impact === 'serious')
                .map(v => `${v.impact} ${v.id}: ${v.help} — ` + v.nodes.slice(0, 4).map(n => n.target.join(' ')).join(' | ')));
            }
            """);
        return JsonSerializer.Deserialize<List<string>>(json)!;
    }

    private static string ScriptPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "node_modules", "axe-core", "axe.min.js");
            if (File.Exists(path)) return path;
        }
        throw new FileNotFoundException("axe-core is missing: run `npm ci --prefix RefundPortal.Tests` (test.sh does).");
    }
}
