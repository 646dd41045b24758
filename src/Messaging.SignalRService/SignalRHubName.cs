using System.Text.RegularExpressions;

namespace Messaging.SignalRService;

/// <summary>
/// Hub names as the service knows them: a letter, then letters, digits or underscores; lowercased, as the SignalR
/// SDK does, so the negotiate URL, the token audience and REST paths all name the same hub.
/// </summary>
internal static partial class SignalRHubName
{
    public static string Normalize(string hubName, string parameterName)
    {
        ArgumentException.ThrowIfNullOrEmpty(hubName, parameterName);
        if (!Pattern().IsMatch(hubName))
        {
            throw new ArgumentException("A hub name starts with a letter and has only letters, digits and underscores.", parameterName);
        }
        return hubName.ToLowerInvariant();
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*$")]
    private static partial Regex Pattern();
}
