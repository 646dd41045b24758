using System.Text.Json;
using System.Text.RegularExpressions;

namespace Messaging.Functions.Tests.Infrastructure;

/// <summary>Assertions on the exact shape of contract JSON.</summary>
public static partial class JsonShape
{
    /// <summary>Timestamps in the contract: ISO 8601, UTC, milliseconds.</summary>
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")]
    public static partial Regex IsoMilliseconds();

    /// <summary>The object has exactly these properties, no more and no fewer.</summary>
    public static void AssertProperties(JsonElement element, params string[] names) =>
        Assert.Equal(names.Order(StringComparer.Ordinal), element.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
}
