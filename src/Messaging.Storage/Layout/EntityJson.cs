using System.Text.Json;
using Messaging.Core.Events;

namespace Messaging.Storage.Layout;

/// <summary>JSON for lists stored inside entity properties (participants), in the same form as events.</summary>
internal static class EntityJson
{
    public static string WriteList(IReadOnlyList<string> values) => JsonSerializer.Serialize(values, EventJson.Options);

    public static IReadOnlyList<string> ReadList(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<string[]>(json, EventJson.Options) ?? [];
}
