using Messaging.Functions.Features.Blocking;
using Messaging.Functions.Features.Conversations;
using Messaging.Functions.Features.Deleting;
using Messaging.Functions.Features.Delivery;
using Messaging.Functions.Features.Editing;
using Messaging.Functions.Features.Groups;
using Messaging.Functions.Features.Messages;
using Messaging.Functions.Features.Presence;
using Messaging.Functions.Features.Reactions;
using Messaging.Functions.Features.Reads;
using Messaging.Functions.Features.Search;
using Messaging.Functions.Features.Settings;
using Messaging.Functions.Features.Sync;
using Messaging.Functions.Features.Typing;
using Messaging.Functions.Hosting;
using Messaging.Functions.Http;
using Messaging.Functions.Identity;

namespace Messaging.Functions.Features;

/// <summary>
/// The messaging API: every action and query is <c>POST /api/Messaging/{name}</c> with a JSON object body,
/// authorized and rate limited per caller. Each feature maps its own routes onto the group.
/// </summary>
public static class MessagingApi
{
    public const string RoutePrefix = "/api/Messaging";

    /// <summary>Each feature's handlers, queries, event fan-out, real-time payloads and JSON shapes.</summary>
    public static IServiceCollection AddMessagingFeatures(this IServiceCollection services) => services
        .AddConversations()
        .AddGroups()
        .AddMessages()
        .AddEditing()
        .AddDeleting()
        .AddReads()
        .AddReactions()
        .AddDelivery()
        .AddSettings()
        .AddTyping()
        .AddBlocking()
        .AddSync()
        .AddPresence()
        .AddSearch();

    public static RouteGroupBuilder MapMessagingApi(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder api = routes.MapGroup(RoutePrefix)
            .WithTags("Messaging")
            .RequireAuthorization(AuthServiceCollectionExtensions.CallerPolicy)
            .RequirePerUserRateLimit()
            // Answered before an endpoint runs: authentication, body size and rate limits.
            .WithMetadata(
                new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(ErrorBody), ["application/json"]),
                new ProducesResponseTypeMetadata(StatusCodes.Status413PayloadTooLarge, typeof(ErrorBody), ["application/json"]),
                new ProducesResponseTypeMetadata(StatusCodes.Status429TooManyRequests, typeof(ErrorBody), ["application/json"]));
        api.MapConversations();
        api.MapGroups();
        api.MapMessages();
        api.MapEditing();
        api.MapDeleting();
        api.MapReads();
        api.MapReactions();
        api.MapDelivery();
        api.MapSettings();
        api.MapTyping();
        api.MapBlocking();
        api.MapSync();
        api.MapPresence();
        api.MapSearch();
        return api;
    }
}
