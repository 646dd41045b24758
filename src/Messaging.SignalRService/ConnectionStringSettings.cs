namespace Messaging.SignalRService;

/// <summary>
/// Splits <c>Name=Value;Name=Value</c> connection strings into case-insensitive settings. Values may contain
/// <c>=</c> (Base64 keys end with it). Errors give a segment's position, never its text, so keys do not end up in
/// logs.
/// </summary>
public static class ConnectionStringSettings
{
    public static Dictionary<string, string> Parse(string connectionString)
    {
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string[] segments = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (int i = 0; i < segments.Length; i++)
        {
            int equals = segments[i].IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                // Only the position: the segment could be a fragment of a key.
                throw new FormatException($"Connection string segment {i + 1} is not of the form Name=Value.");
            }
            string name = segments[i][..equals].Trim();
            string value = segments[i][(equals + 1)..].Trim();
            if (!settings.TryAdd(name, value))
            {
                // Not the name either: a mangled string can turn a fragment of a key into a name.
                throw new FormatException($"Connection string segment {i + 1} sets a name that an earlier segment already set.");
            }
        }
        if (settings.Count == 0)
        {
            throw new FormatException("The connection string is empty.");
        }
        return settings;
    }

    /// <summary>The value of <paramref name="name"/>, or <c>null</c> when it is missing or empty.</summary>
    public static string? Optional(this Dictionary<string, string> settings, string name) =>
        settings.TryGetValue(name, out string? value) && value.Length > 0 ? value : null;
}
