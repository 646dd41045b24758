using System.Globalization;

namespace Messaging.Functions.Http;

/// <summary>ISO-8601 UTC with milliseconds, the API's one time format.</summary>
public static class Iso
{
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string? Format(DateTimeOffset? value) => value is { } v ? Format(v) : null;
}
