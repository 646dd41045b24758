using Messaging.Core;
using Messaging.Core.Delivery;
using Messaging.Functions.Http;
using Messaging.Functions.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Messaging.Functions.Features.Delivery;

/// <summary>Delivery receipts: markDelivered. (Message status is part of the message queries.)</summary>
public static class DeliveryEndpoints
{
    public static RouteGroupBuilder MapDelivery(this RouteGroupBuilder api)
    {
        api.MapPost("/markDelivered", MarkDeliveredAsync);
        return api;
    }

    public static async Task<Results<Ok<MarkDeliveredResponse>, ApiError>> MarkDeliveredAsync(
        JsonBody<MarkDeliveredRequest> body, HttpContext context, MarkDeliveredHandler handler, CancellationToken cancellationToken)
    {
        var command = new MarkDelivered(body.Value.ConversationId, body.Value.User, body.Value.MessageId);
        Result<MarkDeliveredResult> result = await handler.HandleAsync(context.GetCaller(), command, cancellationToken);
        return result.ToHttp(value => MarkDeliveredResponse.From(value));
    }
}
