using Messaging.Core;
using Messaging.Core.Conversations;
using Messaging.Core.Inbox;
using Messaging.Core.Messages;
using Messaging.Functions.Features.Messages;
using Messaging.Functions.Http;
using Messaging.Functions.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Messaging.Functions.Features.Conversations;

/// <summary>
/// createConversation, _getConversation, _getConversationsForUser, _getAllConversations, deleteConversation, and the
/// direct-message shortcuts sendDirectMessage and _getDirectConversation.
/// </summary>
public static class ConversationEndpoints
{
    public static RouteGroupBuilder MapConversations(this RouteGroupBuilder api)
    {
        api.MapPost("/createConversation", CreateAsync);
        api.MapPost("/_getConversation", GetAsync);
        api.MapPost("/_getConversationsForUser", ForUserAsync);
        api.MapPost("/_getAllConversations", AllAsync);
        api.MapPost("/deleteConversation", DeleteAsync);
        api.MapPost("/sendDirectMessage", SendDirectAsync);
        api.MapPost("/_getDirectConversation", DirectAsync);
        return api;
    }

    public static async Task<Results<Ok<CreateConversationResponse>, ApiError>> CreateAsync(
        JsonBody<CreateConversationRequest> body, HttpContext context, CreateConversationHandler handler, CancellationToken cancellationToken)
    {
        var command = new CreateConversation(body.Value.User1, body.Value.User2);
        Result<ConversationCreated> result = await handler.HandleAsync(context.GetCaller(), command, cancellationToken);
        return result.ToHttp(value => new CreateConversationResponse(value.ConversationId));
    }

    public static async Task<Results<Ok<ConversationDto[]>, ApiError>> GetAsync(
        JsonBody<GetConversationRequest> body, HttpContext context, ConversationQueries queries, CancellationToken cancellationToken)
    {
        Result<Conversation> result = await queries.GetAsync(context.GetCaller(), body.Value.ConversationId, cancellationToken);
        return result.ToHttp(value => new[] { ConversationDto.From(value) });
    }

    public static async Task<Results<Ok<ConversationDto[]>, ApiError>> ForUserAsync(
        JsonBody<ConversationsForUserRequest> body, HttpContext context, ConversationQueries queries, CancellationToken cancellationToken)
    {
        ConversationsForUserRequest request = body.Value;
        var query = new ConversationListQuery(request.Archived, request.Category, request.Limit, request.After);
        Result<IReadOnlyList<InboxEntry>> result = await queries.ListForUserAsync(context.GetCaller(), request.User, query, cancellationToken);
        return result.ToHttp(value => value.Select(ConversationDto.From).ToArray());
    }

    public static async Task<Results<Ok<ConversationDto[]>, ApiError>> AllAsync(
        JsonBody<EmptyRequest> body, HttpContext context, ConversationQueries queries, CancellationToken cancellationToken)
    {
        Result<IReadOnlyList<Conversation>> result = await queries.AllAsync(context.GetCaller(), cancellationToken);
        return result.ToHttp(value => value.Select(ConversationDto.From).ToArray());
    }

    public static async Task<Results<Ok<EmptyResponse>, ApiError>> DeleteAsync(
        JsonBody<DeleteConversationRequest> body, HttpContext context, DeleteConversationHandler handler, CancellationToken cancellationToken)
    {
        Result<ConversationDeleted> result = await handler.HandleAsync(context.GetCaller(), new DeleteConversation(body.Value.ConversationId, body.Value.Actor), cancellationToken);
        return result.ToHttp(_ => new EmptyResponse());
    }

    public static async Task<Results<Ok<SendMessageResponse>, ApiError>> SendDirectAsync(
        JsonBody<SendDirectMessageRequest> body, HttpContext context, SendDirectMessageHandler handler, CancellationToken cancellationToken)
    {
        SendDirectMessageRequest request = body.Value;
        var command = new SendDirectMessage(request.Sender, request.To, request.Content, request.ClientMessageId);
        Result<Message> result = await handler.HandleAsync(context.GetCaller(), command, cancellationToken);
        return result.ToHttp(value => new SendMessageResponse(MessageDto.From(value)));
    }

    public static async Task<Results<Ok<ConversationDto[]>, ApiError>> DirectAsync(
        JsonBody<DirectConversationRequest> body, HttpContext context, ConversationQueries queries, CancellationToken cancellationToken)
    {
        Result<IReadOnlyList<Conversation>> result = await queries.DirectAsync(context.GetCaller(), body.Value.User, body.Value.Other, cancellationToken);
        return result.ToHttp(value => value.Select(ConversationDto.From).ToArray());
    }
}
