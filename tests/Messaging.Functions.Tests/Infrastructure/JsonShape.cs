using System.Text.Json;
using System.Text.Json.Nodes;
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

    /// <summary>
    /// A message as every participant sees it: without the status and counts only its sender's view carries, which
    /// differ between the send's answer, a later query and the <c>newMessage</c> event.
    /// </summary>
    private static readonly JsonSerializerOptions Written = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Shared(JsonElement message)
    {
        JsonObject json = JsonNode.Parse(message.GetRawText())!.AsObject();
        json.Remove("status");
        json.Remove("deliveredCount");
        json.Remove("readCount");
        return json.ToJsonString(Written);
    }
}
