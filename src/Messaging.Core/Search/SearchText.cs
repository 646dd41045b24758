using System.Globalization;
using System.Text;

namespace Messaging.Core.Search;

/// <summary>
/// How text becomes search words, the same for messages and queries: Unicode canonical decomposition (FormD) with the
/// non-spacing marks dropped (so <c>café</c> is <c>cafe</c>; see <see cref="SearchFolding"/>), lower-cased (invariant),
/// and cut into runs of letters and digits. Marks typed separately (<c>e</c> + U+0301) are dropped too.
/// </summary>
public static class SearchText
{
    /// <summary>
    /// Longest word indexed or searched, in UTF-16 code units: longer words are cut (never inside a surrogate pair), so
    /// a query word longer than this matches any word that starts with its first 32 characters. It keeps keys short.
    /// </summary>
    public const int MaxWordLength = 32;

    /// <summary>
    /// The words of <paramref name="text"/>, each once, in the order they first appear, at most <paramref name="max"/>.
    /// </summary>
    public static IReadOnlyList<string> DistinctWords(string text, int max = int.MaxValue)
    {
        var words = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string word in Words(text))
        {
            if (words.Count >= max)
            {
                break;
            }
            if (seen.Add(word))
            {
                words.Add(word);
            }
        }
        return words;
    }

    /// <summary>Every word of <paramref name="text"/> in order, repeats included.</summary>
    public static IEnumerable<string> Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var word = new StringBuilder();
        foreach (Rune read in text.EnumerateRunes())
        {
            Rune rune = read.IsBmp ? new Rune(SearchFolding.Fold((char)read.Value)) : read;
            if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.NonSpacingMark)
            {
                continue; // an accent: dropped, and the word goes on
            }
            if (Rune.IsLetterOrDigit(rune))
            {
                word.Append(Rune.ToLowerInvariant(rune).ToString());
                continue;
            }
            if (word.Length > 0)
            {
                yield return Finish(word);
                word.Clear();
            }
        }
        if (word.Length > 0)
        {
            yield return Finish(word);
        }
    }

    /// <summary>Whether <paramref name="term"/> (a search word) starts some word of <paramref name="words"/>.</summary>
    public static bool StartsAny(IEnumerable<string> words, string term) =>
        words.Any(word => word.StartsWith(term, StringComparison.Ordinal));

    private static string Finish(StringBuilder word)
    {
        string composed = word.ToString();
        if (composed.Length <= MaxWordLength)
        {
            return composed;
        }
        int cut = char.IsHighSurrogate(composed[MaxWordLength - 1]) ? MaxWordLength - 1 : MaxWordLength;
        return composed[..cut];
    }
}
