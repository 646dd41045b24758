using System.Text.Json;
using Messaging.Core;
using Messaging.Core.Presence;
using Messaging.Core.Realtime;
using Messaging.Functions.Http;
using Messaging.Functions.Invocations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Messaging.Functions.Features.Presence;

/// <summary>
/// The <c>presenceConnected</c> and <c>presenceDisconnected</c> functions: SignalR Service (Serverless) reports each
/// client connection opening and closing through its upstream to the Functions host's SignalR webhook, whose
/// <c>signalRTrigger</c> (category <c>connections</c>) invokes the app with the connection's invocation context.
/// </summary>
/// <remarks>
/// The trigger's value is the extension's <c>InvocationContext</c> serialized as is (<c>ConnectionId</c>, <c>UserId</c>,
/// <c>Hub</c>, <c>Category</c>, <c>Event</c>, <c>Error</c>, <c>Headers</c>, <c>Query</c>, <c>Claims</c>); names are read
/// without regard to case, and the value may arrive as an object or as a JSON string of it (see <see cref="TriggerData"/>).
/// </remarks>
public static class PresenceInvocations
{
    public const string ConnectedFunction = "presenceConnected";
    public const string DisconnectedFunction = "presenceDisconnected";
    public const string Trigger = "invocation";
    public const string Category = "connections";

    public static IEndpointRouteBuilder MapPresenceInvocations(this IEndpointRouteBuilder routes)
    {
        routes.MapPost($"/{ConnectedFunction}", (HttpRequest request, PresenceTracker tracker, CancellationToken cancellationToken) =>
            HandleAsync(request, "connected", (user, connection) => tracker.ConnectAsync(user, connection, cancellationToken, viaService: true), cancellationToken));
        routes.MapPost($"/{DisconnectedFunction}", (HttpRequest request, PresenceTracker tracker, CancellationToken cancellationToken) =>
            HandleAsync(request, "disconnected", (user, connection) => tracker.DisconnectAsync(user, connection, cancellationToken), cancellationToken));
        return routes;
    }

    private static async Task<IResult> HandleAsync(HttpRequest request, string expectedEvent, Func<string, string, Task> apply, CancellationToken cancellationToken)
    {
        InvocationRequest invocation = await InvocationEndpoints.ReadAsync(request, cancellationToken);
        if (invocation.Data is null || !invocation.Data.TryGetValue(Trigger, out JsonElement data))
        {
            throw Rejected($"The invocation has no '{Trigger}' trigger data.");
        }
        ConnectionEvent connection = ConnectionEvent.Read(data);
        if (connection.Category is { } category && !string.Equals(category, Category, StringComparison.OrdinalIgnoreCase))
        {
            throw Rejected($"The invocation is for category '{category}', not '{Category}'.");
        }
        if (connection.Event is { } evt && !string.Equals(evt, expectedEvent, StringComparison.OrdinalIgnoreCase))
        {
            throw Rejected($"The invocation is for event '{evt}', not '{expectedEvent}'.");
        }
        if (connection.Hub is { } hub && !string.Equals(hub, RealtimeEvents.Hub, StringComparison.OrdinalIgnoreCase))
        {
            throw Rejected($"The invocation is for hub '{hub}', not '{RealtimeEvents.Hub}'.");
        }
        if (string.IsNullOrEmpty(connection.UserId) || InputRules.CheckUserId(connection.UserId, "UserId") is not null)
        {
            // Negotiate binds every connection to a valid user, so this is someone else's client: it has no presence.
            return Answer($"Connection {connection.ConnectionId} {expectedEvent} without a valid user id: ignored");
        }
        await apply(connection.UserId, connection.ConnectionId);
        return Answer($"Connection {connection.ConnectionId} of {connection.UserId} {expectedEvent}");
    }

    private static Ok<InvocationResponse> Answer(string log) => TypedResults.Ok(new InvocationResponse([], [log]));

    private static RequestRejectedException Rejected(string why) => new(StatusCodes.Status400BadRequest, why);

    /// <summary>The fields of the trigger's invocation context that presence uses.</summary>
    private sealed record ConnectionEvent(string ConnectionId, string? UserId, string? Hub, string? Category, string? Event)
    {
        public static ConnectionEvent Read(JsonElement data)
        {
            JsonElement context;
            try
            {
                using JsonDocument document = JsonDocument.Parse(TriggerData.Text(data));
                context = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                throw Rejected("The trigger data is not an invocation context.");
            }
            if (context.ValueKind != JsonValueKind.Object)
            {
                throw Rejected("The trigger data is not an invocation context.");
            }
            return new ConnectionEvent(
                Text(context, "ConnectionId") is { Length: > 0 } id ? id : throw Rejected("The invocation context has no ConnectionId."),
                Text(context, "UserId"),
                Text(context, "Hub"),
                Text(context, "Category"),
                Text(context, "Event"));
        }

        private static string? Text(JsonElement context, string name)
        {
            foreach (JsonProperty property in context.EnumerateObject())
            {
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    return property.Value.ValueKind switch
                    {
                        JsonValueKind.String => property.Value.GetString(),
                        JsonValueKind.Null => null,
                        _ => throw Rejected($"The invocation context's {name} is not a string."),
                    };
                }
            }
            return null;
        }
    }
}
