using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Azure;

namespace Messaging.Storage.Tables;

/// <summary>
/// A table entity as a case-sensitive property bag (same shape as <c>Azure.Data.Tables.TableEntity</c>).
/// </summary>
/// <remarks>
/// Values that can be written: <see cref="string"/>, <see cref="int"/>, <see cref="long"/>, <see cref="double"/>,
/// <see cref="bool"/>, <see cref="DateTimeOffset"/>, <see cref="DateTime"/> (stored as UTC), <see cref="Guid"/>,
/// <c>byte[]</c>, <see cref="BinaryData"/> and enums (stored as their name). <c>null</c> values are not stored.
/// Read entities hold <see cref="string"/>, <see cref="int"/>, <see cref="long"/>, <see cref="double"/>,
/// <see cref="bool"/>, <see cref="DateTimeOffset"/> (UTC), <see cref="Guid"/> and <c>byte[]</c>.
/// The system properties live in the bag too, as in the SDK: <c>PartitionKey</c>, <c>RowKey</c>,
/// <c>Timestamp</c> and <c>odata.etag</c>.
/// </remarks>
[SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix", Justification = "Named like Azure.Data.Tables.TableEntity so callers can switch to that package.")]
public class TableEntity : IDictionary<string, object?>, ITableEntity
{
    internal const string PartitionKeyName = "PartitionKey";
    internal const string RowKeyName = "RowKey";
    internal const string TimestampName = "Timestamp";
    internal const string ETagName = "odata.etag";

    private readonly Dictionary<string, object?> _properties;

    /// <summary>Creates an empty entity; set <see cref="PartitionKey"/> and <see cref="RowKey"/> before writing it.</summary>
    public TableEntity()
    {
        _properties = new Dictionary<string, object?>(StringComparer.Ordinal);
    }

    /// <summary>Creates an entity with the given keys.</summary>
    /// <exception cref="ArgumentNullException">A key is null.</exception>
    public TableEntity(string partitionKey, string rowKey)
        : this()
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        ArgumentNullException.ThrowIfNull(rowKey);
        PartitionKey = partitionKey;
        RowKey = rowKey;
    }

    /// <summary>Creates an entity holding a copy of <paramref name="values"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
    public TableEntity(IDictionary<string, object?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _properties = new Dictionary<string, object?>(values, StringComparer.Ordinal);
    }

    /// <inheritdoc />
    /// <remarks>An empty string when it has not been set.</remarks>
    public string PartitionKey
    {
        get => GetString(PartitionKeyName) ?? string.Empty;
        set => _properties[PartitionKeyName] = value;
    }

    /// <inheritdoc />
    /// <remarks>An empty string when it has not been set.</remarks>
    public string RowKey
    {
        get => GetString(RowKeyName) ?? string.Empty;
        set => _properties[RowKeyName] = value;
    }

    /// <inheritdoc />
    public DateTimeOffset? Timestamp
    {
        get => GetDateTimeOffset(TimestampName);
        set => SetOrRemove(TimestampName, value);
    }

    /// <inheritdoc />
    public ETag ETag
    {
        get => GetString(ETagName) is { } etag ? new ETag(etag) : default;
        set => SetOrRemove(ETagName, value == default ? null : value.ToString());
    }

    /// <summary>Gets or sets a property. Getting a missing property returns <c>null</c> (as in the SDK).</summary>
    public object? this[string key]
    {
        get => _properties.TryGetValue(key, out object? value) ? value : null;
        set => _properties[key] = value;
    }

    /// <inheritdoc />
    public ICollection<string> Keys => _properties.Keys;

    /// <inheritdoc />
    public ICollection<object?> Values => _properties.Values;

    /// <inheritdoc />
    public int Count => _properties.Count;

    bool ICollection<KeyValuePair<string, object?>>.IsReadOnly => false;

    /// <summary>The string value of <paramref name="key"/>, or <c>null</c> if it is missing.</summary>
    /// <exception cref="InvalidOperationException">The value has another type.</exception>
    public string? GetString(string key) => GetReference<string>(key);

    /// <summary>The <see cref="int"/> value of <paramref name="key"/>, or <c>null</c> if it is missing.</summary>
    /// <exception cref="InvalidOperationException">The value has another type.</exception>
    public int? GetInt32(string key) => GetStruct<int>(key);

    /// <summary>The <see cref="long"/> value of <paramref name="key"/> (an <see cref="int"/> is widened), or <c>null</c> if it is missing.</summary>
    /// <exception cref="InvalidOperationException">The value has another type.</exception>
    public long? GetInt64(string key) => Get(key) switch
    {
        null => null,
        int i => i,
        _ => GetStruct<long>(key),
    };

    /// <summary>The <see cref="double"/> value of <paramref name="key"/> (an integer is converted), or <c>null</c> if it is missing.</summary>
    /// <exception cref="InvalidOperationException">The value has another type.</exception>
    public double? GetDouble(string key) => Get(key) switch
    {
        null => null,
        int i => i,
        long l => l,
        _ => GetStruct<double>(key),
    };

    /// <summary>The <see cref="bool"/> value of <paramref name="key"/>, or <c>null</c> if it is missing.</summary>
    /// <exception cref="InvalidOperationException">The value has another type.</exception>
    public bool? GetBoolean(string key) => GetStruct<bool>(key);

    /// <summary>The date-time value of <paramref name="key"/> (a <see cref="DateTime"/> is converted), or <c>null</c> if it is missing.</summary>
    /// <exception cref="InvalidOperationException">The value has another type.</exception>
    public DateTimeOffset? GetDateTimeOffset(string key) => Get(key) switch
    {
        null => null,
        DateTime dt => new DateTimeOffset(dt.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(dt, DateTimeKind.Utc) : dt),
        _ => GetStruct<DateTimeOffset>(key),
    };

    /// <summary>The date-time value of <paramref name="key"/> as a UTC <see cref="DateTime"/>, or <c>null</c> if it is missing.</summary>
    /// <exception cref="InvalidOperationException">The value has another type.</exception>
    public DateTime? GetDateTime(string key) => GetDateTimeOffset(key)?.UtcDateTime;

    /// <summary>The <see cref="Guid"/> value of <paramref name="key"/>, or <c>null</c> if it is missing.</summary>
    /// <exception cref="InvalidOperationException">The value has another type.</exception>
    public Guid? GetGuid(string key) => GetStruct<Guid>(key);

    /// <summary>The binary value of <paramref name="key"/>, or <c>null</c> if it is missing.</summary>
    /// <exception cref="InvalidOperationException">The value has another type.</exception>
    public byte[]? GetBinary(string key) => Get(key) switch
    {
        BinaryData data => data.ToArray(),
        _ => GetReference<byte[]>(key),
    };

    /// <summary>The binary value of <paramref name="key"/>, or <c>null</c> if it is missing.</summary>
    /// <exception cref="InvalidOperationException">The value has another type.</exception>
    public BinaryData? GetBinaryData(string key) => Get(key) switch
    {
        byte[] bytes => new BinaryData(bytes),
        _ => GetReference<BinaryData>(key),
    };

    /// <inheritdoc />
    public void Add(string key, object? value) => _properties.Add(key, value);

    /// <inheritdoc />
    public bool ContainsKey(string key) => _properties.ContainsKey(key);

    /// <inheritdoc />
    public bool Remove(string key) => _properties.Remove(key);

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value) => _properties.TryGetValue(key, out value);

    /// <inheritdoc />
    public void Clear() => _properties.Clear();

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _properties.GetEnumerator();

    void ICollection<KeyValuePair<string, object?>>.Add(KeyValuePair<string, object?> item) =>
        ((ICollection<KeyValuePair<string, object?>>)_properties).Add(item);

    bool ICollection<KeyValuePair<string, object?>>.Contains(KeyValuePair<string, object?> item) =>
        ((ICollection<KeyValuePair<string, object?>>)_properties).Contains(item);

    void ICollection<KeyValuePair<string, object?>>.CopyTo(KeyValuePair<string, object?>[] array, int arrayIndex) =>
        ((ICollection<KeyValuePair<string, object?>>)_properties).CopyTo(array, arrayIndex);

    bool ICollection<KeyValuePair<string, object?>>.Remove(KeyValuePair<string, object?> item) =>
        ((ICollection<KeyValuePair<string, object?>>)_properties).Remove(item);

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private void SetOrRemove(string key, object? value)
    {
        if (value is null)
        {
            _properties.Remove(key);
        }
        else
        {
            _properties[key] = value;
        }
    }

    private object? Get(string key) => _properties.TryGetValue(key, out object? value) ? value : null;

    private T? GetReference<T>(string key)
        where T : class => Get(key) switch
        {
            null => null,
            T value => value,
            object other => throw WrongType(key, other, typeof(T)),
        };

    private T? GetStruct<T>(string key)
        where T : struct => Get(key) switch
        {
            null => null,
            T value => value,
            object other => throw WrongType(key, other, typeof(T)),
        };

    private static InvalidOperationException WrongType(string key, object value, Type expected) =>
        new($"Property '{key}' holds a {value.GetType().Name}, not a {expected.Name}.");
}
