using System.Collections.Frozen;
using Messaging.Core.Realtime;

namespace Messaging.Functions.Realtime;

/// <summary>How one kind of notification payload looks on the wire; each feature registers its own.</summary>
public sealed record RealtimePayload(Type PayloadType, Func<object, object> ToWire);

/// <summary>
/// Maps a notification's domain payload to its JSON argument, for the local hub and the Azure SignalR output
/// alike, so the two cannot drift apart. Each argument is the same shape the HTTP API returns.
/// </summary>
public sealed class RealtimePayloads
{
    private readonly FrozenDictionary<Type, Func<object, object>> _shapes;

    public RealtimePayloads(IEnumerable<RealtimePayload> shapes)
    {
        var byType = new Dictionary<Type, Func<object, object>>();
        foreach (RealtimePayload shape in shapes)
        {
            if (!byType.TryAdd(shape.PayloadType, shape.ToWire))
            {
                throw new InvalidOperationException($"Two wire shapes are registered for {shape.PayloadType.Name}.");
            }
        }
        _shapes = byType.ToFrozenDictionary();
    }

    public object ToWire(Notification notification) =>
        _shapes.TryGetValue(notification.Payload.GetType(), out Func<object, object>? toWire)
            ? toWire(notification.Payload)
            : throw new InvalidOperationException($"No wire shape is registered for {notification.Payload.GetType().Name}.");
}

public static class RealtimePayloadRegistration
{
    /// <summary>Sends <typeparamref name="TPayload"/> notifications to clients as <typeparamref name="TWire"/>.</summary>
    public static IServiceCollection AddRealtimePayload<TPayload, TWire>(this IServiceCollection services, Func<TPayload, TWire> toWire)
        where TPayload : notnull
        where TWire : notnull
    {
        services.AddSingleton(new RealtimePayload(typeof(TPayload), payload => toWire((TPayload)payload)));
        return services;
    }
}
