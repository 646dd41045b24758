using Azure.Data.Tables;

namespace Messaging.Storage.Layout;

/// <summary>Optional properties: written only when they have a value, so a merge leaves what is stored alone.</summary>
internal static class EntityProperties
{
    public static void SetIfNotNull(this TableEntity entity, string name, string? value)
    {
        if (value is not null)
        {
            entity[name] = value;
        }
    }

    public static void SetIfNotNull(this TableEntity entity, string name, bool? value)
    {
        if (value is { } set)
        {
            entity[name] = set;
        }
    }

    public static void SetIfNotNull(this TableEntity entity, string name, DateTimeOffset? value)
    {
        if (value is { } set)
        {
            entity[name] = set;
        }
    }
}
