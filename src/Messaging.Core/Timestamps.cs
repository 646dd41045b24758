namespace Messaging.Core;

/// <summary>Times are kept in UTC at millisecond precision, the precision the API returns.</summary>
public static class Timestamps
{
    public static DateTimeOffset ToMilliseconds(DateTimeOffset value)
    {
        DateTimeOffset utc = value.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }
}
