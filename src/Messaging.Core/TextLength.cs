namespace Messaging.Core;

/// <summary>
/// The one unit every length limit on client text is counted in: Unicode scalar values (code points), so an
/// emoji written as a surrogate pair counts once, as a person would count it.
/// </summary>
public static class TextLength
{
    /// <summary>How error messages and the README name the unit.</summary>
    public const string Unit = "characters (Unicode scalar values)";

    /// <summary>The number of scalar values in <paramref name="value"/>; an unpaired surrogate counts as one.</summary>
    public static int Of(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        int count = value.Length;
        for (int i = 0; i < value.Length - 1; i++)
        {
            if (char.IsHighSurrogate(value[i]) && char.IsLowSurrogate(value[i + 1]))
            {
                count--;
                i++;
            }
        }
        return count;
    }

    /// <summary>The first <paramref name="max"/> scalar values of <paramref name="value"/>, never half a surrogate pair.</summary>
    public static string Truncate(string value, int max)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        int end = 0;
        for (int taken = 0; taken < max && end < value.Length; taken++)
        {
            end += char.IsHighSurrogate(value[end]) && end + 1 < value.Length && char.IsLowSurrogate(value[end + 1]) ? 2 : 1;
        }
        return end == value.Length ? value : value[..end];
    }
}
