using Messaging.Core;
using Messaging.Core.Settings;
using Messaging.Functions.Http;
using Messaging.Functions.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Messaging.Functions.Features.Settings;

/// <summary>updateConversationSettings. (The settings are read back through <c>_getConversationsForUser</c>.)</summary>
public static class SettingsEndpoints
{
    public static RouteGroupBuilder MapSettings(this RouteGroupBuilder api)
    {
        api.MapPost("/updateConversationSettings", UpdateAsync);
        return api;
    }

    public static async Task<Results<Ok<ConversationSettingsDto>, ApiError>> UpdateAsync(
        JsonBody<UpdateConversationSettingsRequest> body, HttpContext context, UpdateConversationSettingsHandler handler, CancellationToken cancellationToken)
    {
        var command = new UpdateConversationSettings(body.Value.ConversationId, body.Value.User, body.Value.ToChange());
        Result<ConversationSettings> result = await handler.HandleAsync(context.GetCaller(), command, cancellationToken);
        return result.ToHttp(ConversationSettingsDto.From);
    }
}
