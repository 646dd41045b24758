using System.Text.Json;
using System.Text.Json.Serialization;

namespace Messaging.Functions.Invocations;

// The custom-handler envelope for functions that are not forwarded (triggers other than HTTP).
// Names are PascalCase on the wire, so they are pinned here.

/// <summary>What the Functions host POSTs to <c>/{FunctionName}</c>.</summary>
public sealed record InvocationRequest(
    [property: JsonPropertyName("Data")] Dictionary<string, JsonElement>? Data,
    [property: JsonPropertyName("Metadata")] Dictionary<string, JsonElement>? Metadata);

/// <summary>What the host expects back: one entry per output binding, log lines, a return value.</summary>
public sealed record InvocationResponse(
    [property: JsonPropertyName("Outputs")] Dictionary<string, object?> Outputs,
    [property: JsonPropertyName("Logs")] IReadOnlyList<string> Logs,
    [property: JsonPropertyName("ReturnValue")] object? ReturnValue = null);

/// <summary>One message of the <c>signalR</c> output binding: a client method call for one user.</summary>
public sealed record SignalRMessage(
    [property: JsonPropertyName("target")] string Target,
    [property: JsonPropertyName("arguments")] object[] Arguments,
    [property: JsonPropertyName("userId")] string UserId);
