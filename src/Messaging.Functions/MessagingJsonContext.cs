using System.Text.Json.Serialization;
using Messaging.Functions.Realtime;
using Messaging.Functions.Health;
using Messaging.Functions.Http;
using Messaging.Functions.Invocations;

namespace Messaging.Functions;

/// <summary>Source-generated JSON for the shapes every feature shares; each feature adds its own context.</summary>
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(EmptyResponse))]
[JsonSerializable(typeof(NegotiateResponse))]
[JsonSerializable(typeof(InvocationRequest))]
[JsonSerializable(typeof(InvocationResponse))]
[JsonSerializable(typeof(SignalRMessage[]))]
internal sealed partial class MessagingJsonContext : JsonSerializerContext;
