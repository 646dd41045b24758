using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Messaging.Storage.Tables;

/// <summary>
/// Entity JSON in the Table service's OData format. Writes annotate the types JSON cannot carry
/// (<c>Prop@odata.type</c>: Edm.Int64, Edm.Double, Edm.DateTime, Edm.Guid, Edm.Binary); reads use the
/// annotations that <c>odata=minimalmetadata</c> responses carry, so values come back with their stored type.
/// </summary>
internal static class EntitySerializer
{
    private const string TypeAnnotationSuffix = "@odata.type";
    private const string DateTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    /// <summary>The entity as one line of UTF-8 JSON (Azurite rejects multi-line bodies inside batches).</summary>
    /// <exception cref="ArgumentException">The entity lacks a key or holds a value of an unsupported type.</exception>
    public static byte[] Serialize(TableEntity entity)
    {
        RequireKeys(entity);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (KeyValuePair<string, object?> property in entity)
            {
                WriteProperty(writer, property.Key, property.Value);
            }
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The body of a create-table request, <c>{"TableName":"..."}</c>.</summary>
    public static byte[] SerializeTableName(string tableName)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("TableName", tableName);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Throws unless the entity has both keys set (an empty string is a valid key).</summary>
    public static void RequireKeys(ITableEntity entity)
    {
        if (entity is TableEntity bag)
        {
            if (bag[TableEntity.PartitionKeyName] is not string || bag[TableEntity.RowKeyName] is not string)
            {
                throw new ArgumentException("The entity must have a PartitionKey and a RowKey.", nameof(entity));
            }
        }
        else if (entity.PartitionKey is null || entity.RowKey is null)
        {
            throw new ArgumentException("The entity must have a PartitionKey and a RowKey.", nameof(entity));
        }
    }

    /// <summary>Reads one entity object; <c>odata.etag</c>, if present, becomes its <see cref="TableEntity.ETag"/>.</summary>
    public static T Read<T>(JsonElement element)
        where T : TableEntity, new()
    {
        var entity = new T();
        foreach (JsonProperty property in element.EnumerateObject())
        {
            string name = property.Name;
            if (name == TableEntity.ETagName)
            {
                entity[name] = property.Value.GetString();
            }
            else if (!name.StartsWith("odata.", StringComparison.Ordinal) && !name.EndsWith(TypeAnnotationSuffix, StringComparison.Ordinal))
            {
                string? edmType = element.TryGetProperty(name + TypeAnnotationSuffix, out JsonElement annotation) ? annotation.GetString() : null;
                if (name == TableEntity.TimestampName)
                {
                    edmType ??= "Edm.DateTime"; // always a date, even when the service leaves the annotation out
                }
                object? value = ReadValue(property.Value, edmType);
                if (value is not null)
                {
                    entity[name] = value;
                }
            }
        }
        return entity;
    }

    private static void WriteProperty(Utf8JsonWriter writer, string name, object? value)
    {
        // Server-managed or metadata: the service ignores or rejects them, so they are never sent.
        if (value is null || name == TableEntity.TimestampName || name.StartsWith("odata.", StringComparison.Ordinal))
        {
            return;
        }

        switch (value)
        {
            case string s:
                writer.WriteString(name, s);
                break;
            case int i:
                writer.WriteNumber(name, i);
                break;
            case bool b:
                writer.WriteBoolean(name, b);
                break;
            case long l:
                Annotate(writer, name, "Edm.Int64");
                writer.WriteString(name, l.ToString(CultureInfo.InvariantCulture));
                break;
            case double d:
                // Annotated, or a whole number like 2.0 (written "2") would be stored as Int32.
                Annotate(writer, name, "Edm.Double");
                if (double.IsFinite(d))
                {
                    writer.WriteNumber(name, d);
                }
                else
                {
                    writer.WriteString(name, double.IsNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
                }
                break;
            case DateTimeOffset dto:
                Annotate(writer, name, "Edm.DateTime");
                writer.WriteString(name, FormatDateTime(dto));
                break;
            case DateTime dt:
                Annotate(writer, name, "Edm.DateTime");
                writer.WriteString(name, FormatDateTime(dt));
                break;
            case Guid g:
                Annotate(writer, name, "Edm.Guid");
                writer.WriteString(name, g.ToString("D"));
                break;
            case byte[] bytes:
                Annotate(writer, name, "Edm.Binary");
                writer.WriteBase64String(name, bytes);
                break;
            case BinaryData data:
                Annotate(writer, name, "Edm.Binary");
                writer.WriteBase64String(name, data.ToMemory().Span);
                break;
            case Enum e:
                writer.WriteString(name, e.ToString());
                break;
            default:
                throw new ArgumentException($"Property '{name}' has type {value.GetType().Name}, which cannot be stored in a table entity.");
        }
    }

    /// <summary>UTC with 7 fractional digits, the service's full precision.</summary>
    internal static string FormatDateTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString(DateTimeFormat, CultureInfo.InvariantCulture);

    /// <summary>An unspecified kind is taken as UTC; a local time is converted.</summary>
    internal static string FormatDateTime(DateTime value) =>
        (value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value).ToString(DateTimeFormat, CultureInfo.InvariantCulture);

    private static void Annotate(Utf8JsonWriter writer, string name, string edmType) =>
        writer.WriteString(name + TypeAnnotationSuffix, edmType);

    private static object? ReadValue(JsonElement value, string? edmType)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return edmType switch
        {
            "Edm.Int64" => value.ValueKind == JsonValueKind.String
                ? long.Parse(value.GetString()!, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)
                : value.GetInt64(),
            "Edm.Int32" => value.GetInt32(),
            "Edm.Double" => value.ValueKind == JsonValueKind.String ? ParseSpecialDouble(value.GetString()!) : value.GetDouble(),
            "Edm.Boolean" => value.GetBoolean(),
            "Edm.DateTime" => DateTimeOffset.Parse(
                value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
            "Edm.Guid" => Guid.Parse(value.GetString()!, CultureInfo.InvariantCulture),
            "Edm.Binary" => value.GetBytesFromBase64(),
            "Edm.String" => value.GetString(),
            _ => ReadUntyped(value),
        };
    }

    private static object? ReadUntyped(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        // The service annotates doubles that look like integers, so a bare integer is Int32.
        JsonValueKind.Number when IsInteger(value) && value.TryGetInt32(out int i) => i,
        JsonValueKind.Number when IsInteger(value) && value.TryGetInt64(out long l) => l,
        JsonValueKind.Number => value.GetDouble(),
        _ => value.GetRawText(),
    };

    private static bool IsInteger(JsonElement number) => number.GetRawText().AsSpan().IndexOfAny(".eE") < 0;

    private static double ParseSpecialDouble(string value) => value switch
    {
        "NaN" => double.NaN,
        "Infinity" or "INF" => double.PositiveInfinity,
        "-Infinity" or "-INF" => double.NegativeInfinity,
        _ => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture),
    };
}
