using System.Text.Json.Serialization;
using Messaging.Functions.Endpoints;
using Messaging.Functions.Features.Conversations;
using Messaging.Functions.Features.Messages;
using Messaging.Functions.Features.Reads;
using Messaging.Functions.Features.Typing;
using Messaging.Functions.Http;
using Messaging.Functions.Invocations;

namespace Messaging.Functions;

/// <summary>Source-generated JSON for every request and response shape: no reflection on the hot path.</summary>
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(EmptyRequest))]
[JsonSerializable(typeof(EmptyResponse))]
[JsonSerializable(typeof(CreateConversationRequest))]
[JsonSerializable(typeof(GetConversationRequest))]
[JsonSerializable(typeof(UserRequest))]
[JsonSerializable(typeof(CreateConversationResponse))]
[JsonSerializable(typeof(ConversationDto))]
[JsonSerializable(typeof(ConversationDto[]))]
[JsonSerializable(typeof(SendMessageRequest))]
[JsonSerializable(typeof(ConversationMessagesRequest))]
[JsonSerializable(typeof(MessageDetailsRequest))]
[JsonSerializable(typeof(SendMessageResponse))]
[JsonSerializable(typeof(MessageDto))]
[JsonSerializable(typeof(MessageDto[]))]
[JsonSerializable(typeof(MarkReadRequest))]
[JsonSerializable(typeof(ReadReceiptsRequest))]
[JsonSerializable(typeof(MarkReadResponse))]
[JsonSerializable(typeof(UnreadCountDto[]))]
[JsonSerializable(typeof(ReceiptDto[]))]
[JsonSerializable(typeof(MessageReadDto))]
[JsonSerializable(typeof(TypingRequest))]
[JsonSerializable(typeof(TypingDto))]
[JsonSerializable(typeof(NegotiateResponse))]
[JsonSerializable(typeof(InvocationRequest))]
[JsonSerializable(typeof(InvocationResponse))]
[JsonSerializable(typeof(SignalRMessage[]))]
internal sealed partial class MessagingJsonContext : JsonSerializerContext;
