using System.Text.Json.Serialization;
using Messaging.Core.Delivery;
using Messaging.Core.Events;
using Messaging.Functions.Http;
using Messaging.Functions.Realtime;

namespace Messaging.Functions.Features.Delivery;

/// <summary>Delivery receipts: delivered cursors and the <c>messageDelivered</c> event.</summary>
public static class DeliveryFeature
{
    public static IServiceCollection AddDelivery(this IServiceCollection services)
    {
        services.AddSingleton<MarkDeliveredHandler>();
        services.AddSingleton<IEventFanOut, MessageDeliveredFanOut>();
        services.AddRealtimePayload<DeliveryReceipt, MessageDeliveredDto>(MessageDeliveredDto.From);
        services.AddJsonContext(DeliveryJsonContext.Default);
        return services;
    }
}

[JsonSerializable(typeof(MarkDeliveredRequest))]
[JsonSerializable(typeof(MarkDeliveredResponse))]
[JsonSerializable(typeof(MessageDeliveredDto))]
internal sealed partial class DeliveryJsonContext : JsonSerializerContext;
