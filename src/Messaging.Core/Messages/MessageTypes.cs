using System.Text.RegularExpressions;

namespace Messaging.Core.Messages;

/// <summary>
/// A message's <c>type</c>: a label the application chooses, <c>[a-z][a-zA-Z0-9_-]{0,31}</c>. The backend treats every
/// type alike except <see cref="System"/>, which only it writes.
/// </summary>
public static partial class MessageTypes
{
    /// <summary>The default: a text message.</summary>
    public const string Text = "text";

    /// <summary>A message the backend writes to record a change to a group.</summary>
    public const string System = "system";

    /// <summary>Types clients commonly use; documented so that apps agree on them, not enforced.</summary>
    public static IReadOnlyList<string> WellKnown { get; } =
        ["text", "image", "file", "audio", "video", "note", "task", "checkin", "checkout", "visitor", "splitMoney"];

    public static bool IsWellFormed(string value) => Pattern().IsMatch(value);

    [GeneratedRegex(@"^[a-z][a-zA-Z0-9_-]{0,31}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
