using System.Text.Json.Serialization;
using Messaging.Functions.Endpoints;
using Messaging.Functions.Http;
using Messaging.Functions.Invocations;

namespace Messaging.Functions;

/// <summary>Source-generated JSON for every response shape: no reflection on the hot path.</summary>
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(CreateConversationResponse))]
[JsonSerializable(typeof(SendMessageResponse))]
[JsonSerializable(typeof(ConversationDto[]))]
[JsonSerializable(typeof(MessageDto[]))]
[JsonSerializable(typeof(MessageDto))]
[JsonSerializable(typeof(ConversationDto))]
[JsonSerializable(typeof(MarkReadResponse))]
[JsonSerializable(typeof(UnreadCountDto[]))]
[JsonSerializable(typeof(ReceiptDto[]))]
[JsonSerializable(typeof(MessageReadDto))]
[JsonSerializable(typeof(TypingDto))]
[JsonSerializable(typeof(EmptyResponse))]
[JsonSerializable(typeof(NegotiateResponse))]
[JsonSerializable(typeof(InvocationRequest))]
[JsonSerializable(typeof(InvocationResponse))]
[JsonSerializable(typeof(SignalRMessage[]))]
internal sealed partial class MessagingJsonContext : JsonSerializerContext;
