using System.Globalization;
using System.Text;
using Azure.Data.Tables;

namespace Messaging.Storage.Layout;

/// <summary>
/// Text longer than one string property holds (64 KiB), such as a large group's member list, split over
/// <c>{name}</c>, <c>{name}1</c>, <c>{name}2</c>… with the count in <c>{name}Parts</c>. A merge that writes fewer
/// parts than before leaves the old ones behind, unread: the count says where the text ends.
/// </summary>
internal static class LargeText
{
    private const int PartLength = 30_000; // characters: 60 KB as UTF-16, under the 64 KiB property limit

    /// <summary>Parts at most: more than an entity's 1 MiB holds.</summary>
    public const int MaxParts = 18;

    public static void Write(TableEntity entity, string name, string text)
    {
        int parts = 0;
        for (int start = 0; start < text.Length || parts == 0; start += PartLength, parts++)
        {
            entity[PartName(name, parts)] = text.Substring(start, Math.Min(PartLength, text.Length - start));
        }
        entity[name + "Parts"] = parts;
    }

    /// <summary>The text, or null when the entity has none (also for text written as one plain property).</summary>
    public static string? Read(TableEntity entity, string name)
    {
        int parts = entity.GetInt32(name + "Parts") ?? 1;
        if (parts == 1)
        {
            return entity.GetString(name);
        }
        var text = new StringBuilder();
        for (int i = 0; i < parts; i++)
        {
            text.Append(entity.GetString(PartName(name, i)));
        }
        return text.ToString();
    }

    /// <summary>Every property a text may occupy, for a query's select.</summary>
    public static IEnumerable<string> PropertyNames(string name) =>
        [name + "Parts", .. Enumerable.Range(0, MaxParts).Select(i => PartName(name, i))];

    private static string PartName(string name, int index) =>
        index == 0 ? name : string.Create(CultureInfo.InvariantCulture, $"{name}{index}");
}
