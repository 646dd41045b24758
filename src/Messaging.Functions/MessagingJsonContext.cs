using System.Text.Json.Serialization;
using Messaging.Functions.Endpoints;
using Messaging.Functions.Http;

namespace Messaging.Functions;

/// <summary>Source-generated JSON for every response shape: no reflection on the hot path.</summary>
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(CreateConversationResponse))]
[JsonSerializable(typeof(SendMessageResponse))]
[JsonSerializable(typeof(ConversationDto[]))]
[JsonSerializable(typeof(MessageDto[]))]
internal sealed partial class MessagingJsonContext : JsonSerializerContext;
