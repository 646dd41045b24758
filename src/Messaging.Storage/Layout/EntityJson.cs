using System.Text.Json;
using Azure.Data.Tables;
using Messaging.Core.Conversations;
using Messaging.Core.Events;

namespace Messaging.Storage.Layout;

/// <summary>JSON for lists stored inside entity properties (participants, members), in the same form as events.</summary>
internal static class EntityJson
{
    public static string WriteList(IReadOnlyList<string> values) => JsonSerializer.Serialize(values, EventJson.Options);

    public static IReadOnlyList<string> ReadList(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<string[]>(json, EventJson.Options) ?? [];

    /// <summary>A list that may be long (a large group's participants), split over properties as <see cref="LargeText"/> does.</summary>
    public static void WriteLargeList(TableEntity entity, string name, IReadOnlyList<string> values) =>
        LargeText.Write(entity, name, WriteList(values));

    public static IReadOnlyList<string> ReadLargeList(TableEntity entity, string name) => ReadList(LargeText.Read(entity, name));

    public static void WriteMembers(TableEntity entity, string name, IReadOnlyList<Member> members) =>
        LargeText.Write(entity, name, JsonSerializer.Serialize(members, EventJson.Options));

    public static IReadOnlyList<Member> ReadMembers(TableEntity entity, string name) =>
        LargeText.Read(entity, name) is { } json ? JsonSerializer.Deserialize<Member[]>(json, EventJson.Options) ?? [] : [];

    /// <summary>Any value as JSON that may be long, split over properties as <see cref="LargeText"/> does.</summary>
    public static void WriteLarge<T>(TableEntity entity, string name, T value) =>
        LargeText.Write(entity, name, JsonSerializer.Serialize(value, EventJson.Options));

    /// <summary>The value <see cref="WriteLarge{T}"/> wrote, or null when the entity has none.</summary>
    public static T? ReadLarge<T>(TableEntity entity, string name) =>
        LargeText.Read(entity, name) is { } json ? JsonSerializer.Deserialize<T>(json, EventJson.Options) : default;
}
