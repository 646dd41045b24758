using System.Text.Json;
using Messaging.Core.Diagnostics;
using Messaging.Core.Events;
using Messaging.Core.Presence;
using Messaging.Core.Realtime;
using Messaging.Functions.Events;
using Messaging.Functions.Features.Presence;
using Messaging.Functions.Hosting;
using Messaging.Functions.Http;
using Messaging.Functions.Realtime;
using Microsoft.Extensions.Options;

namespace Messaging.Functions.Invocations;

/// <summary>
/// The functions the Functions host invokes with a payload rather than forwarding: <c>fanout</c>
/// (Service Bus trigger, SignalR output), <c>outboxSweeper</c> (timer) and presence's SignalR Service triggers
/// (<see cref="PresenceInvocations"/>). Binding names match their
/// function.json files.
/// </summary>
public static class InvocationEndpoints
{
    public const string FanOutFunction = "fanout";
    public const string FanOutTrigger = "message";
    public const string SignalROutput = "signalRMessages";
    public const string SweeperFunction = "outboxSweeper";

    /// <summary>
    /// Only under the Functions host (the app then listens on 127.0.0.1 alone) or when <c>Invocations:Enabled</c>
    /// says so: otherwise anyone could post forged events to a standalone server's fan-out.
    /// </summary>
    public static bool Enabled(IConfiguration configuration) =>
        FunctionsHost.IsHosting(configuration) || configuration.GetValue<bool>("Invocations:Enabled");

    public static IEndpointRouteBuilder MapInvocations(this IEndpointRouteBuilder routes)
    {
        routes.MapPost($"/{FanOutFunction}", FanOutAsync);
        routes.MapPost($"/{SweeperFunction}", SweepAsync);
        routes.MapPresenceInvocations();
        return routes;
    }

    /// <summary>Runs the fan-out for one published event (the <c>fanOut</c> part of its envelope) and returns its notifications as SignalR output messages.</summary>
    public static async Task<IResult> FanOutAsync(
        HttpRequest request, FanOutHandler fanOut, RealtimePayloads payloads, MessagingMetrics metrics, TimeProvider clock, CancellationToken cancellationToken)
    {
        InvocationRequest invocation = await ReadAsync(request, cancellationToken);
        if (invocation.Data is null || !invocation.Data.TryGetValue(FanOutTrigger, out JsonElement data))
        {
            throw new RequestRejectedException(StatusCodes.Status400BadRequest, $"The invocation has no '{FanOutTrigger}' trigger data.");
        }
        MessagingEvent evt;
        try
        {
            evt = EventEnvelope.Read(TriggerData.Text(data));
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            throw new RequestRejectedException(StatusCodes.Status400BadRequest, $"The published message is not an event: {ex.Message}");
        }

        IReadOnlyList<Notification> notifications = await fanOut.HandleAsync(evt, cancellationToken);
        SignalRMessage[] messages = [.. notifications.Select(n => new SignalRMessage(n.Target, [payloads.ToWire(n)], n.UserId))];
        metrics.FanOutDelivered(evt, clock.GetUtcNow()); // the host's SignalR output binding sends them as this returns
        return TypedResults.Ok(new InvocationResponse(
            new() { [SignalROutput] = messages },
            [$"Fan-out of {evt.GetType().Name} {evt.EventId}: {messages.Length} notification(s)"]));
    }

    /// <summary>Republishes events left in the outbox, and expires connection leases that ran out (presence).</summary>
    public static async Task<IResult> SweepAsync(
        HttpRequest request, OutboxSweep sweep, PresenceSweep presence, IOptions<OutboxOptions> options, CancellationToken cancellationToken)
    {
        await ReadAsync(request, cancellationToken);
        int republished = await sweep.RunAsync(options.Value.StaleAfter, cancellationToken);
        int expired = await presence.RunAsync(cancellationToken);
        return TypedResults.Ok(new InvocationResponse([], [$"Outbox sweep republished {republished} event(s)", $"Presence sweep expired leases of {expired} user(s)"]));
    }

    internal static async Task<InvocationRequest> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync(request.Body, MessagingJsonContext.Default.InvocationRequest, cancellationToken)
                ?? throw new RequestRejectedException(StatusCodes.Status400BadRequest, "The invocation payload is empty.");
        }
        catch (JsonException ex)
        {
            throw new RequestRejectedException(StatusCodes.Status400BadRequest, $"The invocation payload is not valid JSON: {ex.Message}");
        }
    }
}
