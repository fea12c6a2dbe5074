using System.Text;
using System.Text.RegularExpressions;
using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Localization;

/// <summary>
/// A small source scan: a .razor file that shows a literal English word (text between tags, a label, placeholder, title
/// or tooltip attribute, or an English sentence in a C# string) instead of a resource fails. Every file is translated;
/// the list of files still in English that the translation worked through is gone.
/// </summary>
public sealed partial class LiteralTextScanTests
{
    /// <summary>Words that are the same in every language: the product's name, codes, the demo password.</summary>
    private static readonly HashSet<string> Untranslatable = ["RefundPortal", "Demo#2026"];

    [Fact]
    public void TranslatedFilesShowNoLiteralEnglish()
    {
        var offending = SourceTree.RazorFiles()
            .Select(f => (File: SourceTree.Relative(f), Literals: Literals(File.ReadAllText(f))))
            .Where(f => f.Literals.Count > 0)
            .Select(f => $"{f.File}: {string.Join(" | ", f.Literals.Take(5))}");
        Assert.Empty(offending);
    }

    [Fact]
    public void TheScanSeesALiteral()
    {
        Assert.Equal(["Apply for Refund"], Literals("""<MudButton Href="x" Color="Color.Primary">Apply for Refund</MudButton>"""));
        Assert.Equal(["Search"], Literals("""<MudTextField Label="Search" Value="@v" />"""));
        Assert.Empty(Literals("""<MudButton Color="Color.Primary">@T["ApplyForRefund"]</MudButton>"""));
        Assert.Empty(Literals("""<MudText>@order.Number · @(x ? T["A"] : T["B"])</MudText>"""));
        Assert.Empty(Literals("@* A comment in English *@\n<b>@T[\"X\"]</b>\n@code {\n    private string s = \"English\";\n}"));
        Assert.Equal(["The deadline has passed."], Literals("<p>@(late ? \"The deadline has passed.\" : T[\"X\"])</p>"));
        Assert.Equal(["Address saved."], Literals("<p></p>\n@code {\n    void Saved() => Snackbar.Add(\"Address saved.\", Severity.Success);\n}"));
        Assert.Empty(Literals("<p class=\"d-flex gap-2\">@T[\"X\"]</p>\n@code {\n    string f = \"yyyy-MM-dd\"; string c = \"Refund\";\n}"));
        Assert.Empty(Literals("<p>\n    @if (x)\n    {\n        var now = Clock.Now;\n    }\n    else if (y)\n    {\n    }\n</p>"));
    }

    /// <summary>The literal texts a .razor source shows.</summary>
    internal static List<string> Literals(string source)
    {
        var markup = CommentPattern().Replace(source, "");
        // Sentences in C# strings (a ternary in markup, a snackbar's message in @code) are shown text too.
        var found = SentencePattern().Matches(LineCommentOrLogPattern().Replace(markup, "")).Select(m => m.Groups[1].Value)
            .Where(s => !Untranslatable.Contains(s)).ToList();
        var code = markup.IndexOf("@code", StringComparison.Ordinal);
        if (code >= 0) markup = markup[..code];
        markup = ScriptOrStylePattern().Replace(markup, "");
        markup = DirectiveLinePattern().Replace(markup, "");
        markup = EmailOrEntityPattern().Replace(markup, "");
        markup = StripExpressions(markup);

        foreach (Match m in AttributePattern().Matches(markup))
        {
            var value = m.Groups[2].Value.Trim();
            if (WordPattern().IsMatch(value) && !Untranslatable.Contains(value)) found.Add(value);
        }
        markup = AttributeValuePattern().Replace(markup, "=\"\"");
        foreach (Match m in TextPattern().Matches(markup))
            foreach (var line in m.Groups[1].Value.Split('\n'))
            {
                var text = line.Trim();
                if (IsCode(text)) continue;
                if (WordPattern().IsMatch(text) && !Untranslatable.Contains(text)) found.Add(text);
            }
        return found;
    }

    private static bool IsCode(string line) =>
        line.Length == 0 || line is "{" or "}" || line.EndsWith(';') || line.EndsWith('{')
        || CodeStartPattern().IsMatch(line);

    /// <summary>Removes @(…), @name.member[…](…) and @{…} expressions, which are code, not text (an email's @ stays).</summary>
    private static string StripExpressions(string markup)
    {
        var result = new StringBuilder();
        for (var i = 0; i < markup.Length; i++)
        {
            if (markup[i] != '@' || i + 1 >= markup.Length || (i > 0 && char.IsLetterOrDigit(markup[i - 1])))
            {
                result.Append(markup[i]);
                continue;
            }
            var j = i + 1;
            if (markup[j] is '(' or '{') j = SkipBalanced(markup, j);
            else
            {
                while (j < markup.Length && (char.IsLetterOrDigit(markup[j]) || markup[j] is '_' or '.' or '!' or '?'))
                {
                    j++;
                    while (j < markup.Length && markup[j] is '(' or '[') j = SkipBalanced(markup, j);
                }
            }
            i = j - 1;
        }
        return result.ToString();
    }

    private static int SkipBalanced(string s, int start)
    {
        var depth = 0;
        for (var i = start; i < s.Length; i++)
        {
            if (s[i] is '(' or '[' or '{') depth++;
            else if (s[i] is ')' or ']' or '}' && --depth == 0) return i + 1;
        }
        return s.Length;
    }

    [GeneratedRegex(@"@\*.*?\*@", RegexOptions.Singleline)]
    private static partial Regex CommentPattern();

    [GeneratedRegex(@"<(script|style)\b.*?</\1>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex ScriptOrStylePattern();

    [GeneratedRegex(@">([^<>]*)<", RegexOptions.Singleline)]
    private static partial Regex TextPattern();

    [GeneratedRegex(@"\b(Label|Placeholder|Title|Text|HelperText|aria-label|title|alt|Action)=""([^""]*)""")]
    private static partial Regex AttributePattern();

    [GeneratedRegex(@"^\s*(@(if|foreach|for|while|switch|using|inject|page|attribute|implements|inherits|layout|namespace|rendermode|typeparam)\b|@?\}?\s*else\b).*$", RegexOptions.Multiline)]
    private static partial Regex DirectiveLinePattern();

    [GeneratedRegex(@"[\w.+-]+@[\w-]+(\.[\w-]+)+|&#?\w+;")]
    private static partial Regex EmailOrEntityPattern();

    [GeneratedRegex(@"=""[^""]*""")]
    private static partial Regex AttributeValuePattern();

    /// <summary>A C# string that reads as English words: a capital, then words with spaces (not an id, a CSS class
    /// or a format), not interpolated code.</summary>
    [GeneratedRegex(@"(?<![\w$@])""([A-Z][a-z']+(?: [A-Za-z'’,.:;!?()-]+)+)""")]
    private static partial Regex SentencePattern();

    /// <summary>Comments and log lines in code: for developers and operators, in English.</summary>
    [GeneratedRegex(@"^\s*//.*$|^.*\bLog(Information|Warning|Error|Debug|Trace|Critical)?\(.*$", RegexOptions.Multiline)]
    private static partial Regex LineCommentOrLogPattern();

    [GeneratedRegex(@"[A-Za-z]{2,}")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"^(else|if|foreach|for|var|case|break|return|while|switch|using|@)\b")]
    private static partial Regex CodeStartPattern();
}
