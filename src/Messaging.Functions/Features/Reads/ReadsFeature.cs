using System.Text.Json.Serialization;
using Messaging.Core.Events;
using Messaging.Core.Reads;
using Messaging.Functions.Http;
using Messaging.Functions.Realtime;

namespace Messaging.Functions.Features.Reads;

/// <summary>Read receipts: read cursors, unread counts and who has read what.</summary>
public static class ReadsFeature
{
    public static IServiceCollection AddReads(this IServiceCollection services)
    {
        services.AddSingleton<MarkReadHandler>();
        services.AddSingleton<ReadQueries>();
        services.AddSingleton<IEventFanOut, MessageReadFanOut>();
        services.AddRealtimePayload<ReadReceipt, MessageReadDto>(MessageReadDto.From);
        services.AddJsonContext(ReadsJsonContext.Default);
        return services;
    }
}

[JsonSerializable(typeof(MarkReadRequest))]
[JsonSerializable(typeof(ReadReceiptsRequest))]
[JsonSerializable(typeof(UnreadTotalRequest))]
[JsonSerializable(typeof(UnreadTotalDto[]))]
[JsonSerializable(typeof(MarkReadResponse))]
[JsonSerializable(typeof(UnreadCountDto[]))]
[JsonSerializable(typeof(ReceiptDto[]))]
[JsonSerializable(typeof(MessageReadDto))]
[JsonSerializable(typeof(MessageReceiptsRequest))]
[JsonSerializable(typeof(MessageReceiptDto[]))]
internal sealed partial class ReadsJsonContext : JsonSerializerContext;
