using Messaging.Core;
using Messaging.Core.Conversations;
using Messaging.Core.Events;
using Messaging.Core.Inbox;
using Messaging.Core.Messages;
using Messaging.Core.Queries;
using Messaging.Functions.Http;
using Messaging.Functions.Identity;
using Messaging.Functions.Hosting;

namespace Messaging.Functions.Endpoints;

/// <summary>The seed 000 contract: every action and query is <c>POST /api/Messaging/{name}</c> with a JSON body.</summary>
public static class MessagingEndpoints
{
    public static RouteGroupBuilder MapMessaging(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder group = routes.MapGroup("/api/Messaging")
            .WithTags("Messaging")
            .RequireAuthorization(AuthServiceCollectionExtensions.CallerPolicy)
            .RequirePerUserRateLimit();
        group.MapPost("/createConversation", CreateConversationAsync);
        group.MapPost("/sendMessage", SendMessageAsync);
        group.MapPost("/_getConversation", GetConversationAsync);
        group.MapPost("/_getMessagesInConversation", GetMessagesInConversationAsync);
        group.MapPost("/_getConversationsForUser", GetConversationsForUserAsync);
        group.MapPost("/_getAllConversations", GetAllConversationsAsync);
        group.MapPost("/_getMessageDetails", GetMessageDetailsAsync);
        group.MapPost("/_getAllMessages", GetAllMessagesAsync);
        group.MapReadState();
        return group;
    }

    public static async Task<IResult> CreateConversationAsync(HttpContext context, CreateConversationHandler handler, CancellationToken cancellationToken)
    {
        using RequestBody body = await RequestBody.ReadAsync(context.Request, cancellationToken);
        var command = new CreateConversation(body.RequiredString("user1"), body.RequiredString("user2"));
        Result<ConversationCreated> result = await handler.HandleAsync(context.GetCaller(), command, cancellationToken);
        return result.IsSuccess
            ? TypedResults.Ok(new CreateConversationResponse(result.Value.ConversationId))
            : result.Error.ToHttp();
    }

    public static async Task<IResult> SendMessageAsync(HttpContext context, SendMessageHandler handler, CancellationToken cancellationToken)
    {
        using RequestBody body = await RequestBody.ReadAsync(context.Request, cancellationToken);
        var command = new SendMessage(
            body.RequiredString("conversationId"), body.OptionalString("sender"), body.RequiredString("content"), body.OptionalString("clientMessageId"));
        Result<Message> result = await handler.HandleAsync(context.GetCaller(), command, cancellationToken);
        return result.IsSuccess
            ? TypedResults.Ok(new SendMessageResponse(MessageDto.From(result.Value)))
            : result.Error.ToHttp();
    }

    public static async Task<IResult> GetConversationAsync(HttpContext context, ConversationQueries queries, CancellationToken cancellationToken)
    {
        using RequestBody body = await RequestBody.ReadAsync(context.Request, cancellationToken);
        Result<Conversation> result = await queries.GetAsync(context.GetCaller(), body.RequiredString("conversationId"), cancellationToken);
        return result.IsSuccess
            ? TypedResults.Ok(new[] { ConversationDto.From(result.Value) })
            : result.Error.ToHttp();
    }

    public static async Task<IResult> GetMessagesInConversationAsync(HttpContext context, MessageQueries queries, CancellationToken cancellationToken)
    {
        using RequestBody body = await RequestBody.ReadAsync(context.Request, cancellationToken);
        Result<IReadOnlyList<Message>> result = await queries.InConversationAsync(context.GetCaller(), body.RequiredString("conversationId"), cancellationToken);
        return result.IsSuccess
            ? TypedResults.Ok(result.Value.Select(MessageDto.From).ToArray())
            : result.Error.ToHttp();
    }

    public static async Task<IResult> GetConversationsForUserAsync(HttpContext context, ConversationQueries queries, CancellationToken cancellationToken)
    {
        using RequestBody body = await RequestBody.ReadAsync(context.Request, cancellationToken);
        Result<IReadOnlyList<InboxEntry>> result = await queries.ForUserAsync(context.GetCaller(), body.OptionalString("user"), cancellationToken);
        return result.IsSuccess
            ? TypedResults.Ok(result.Value.Select(ConversationDto.From).ToArray())
            : result.Error.ToHttp();
    }

    public static async Task<IResult> GetAllConversationsAsync(HttpContext context, ConversationQueries queries, CancellationToken cancellationToken)
    {
        using RequestBody body = await RequestBody.ReadAsync(context.Request, cancellationToken);
        Result<IReadOnlyList<Conversation>> result = await queries.AllAsync(context.GetCaller(), cancellationToken);
        return result.IsSuccess
            ? TypedResults.Ok(result.Value.Select(ConversationDto.From).ToArray())
            : result.Error.ToHttp();
    }

    public static async Task<IResult> GetMessageDetailsAsync(HttpContext context, MessageQueries queries, CancellationToken cancellationToken)
    {
        using RequestBody body = await RequestBody.ReadAsync(context.Request, cancellationToken);
        Result<Message> result = await queries.DetailsAsync(context.GetCaller(), body.RequiredString("messageId"), cancellationToken);
        return result.IsSuccess
            ? TypedResults.Ok(new[] { MessageDto.From(result.Value) })
            : result.Error.ToHttp();
    }

    public static async Task<IResult> GetAllMessagesAsync(HttpContext context, MessageQueries queries, CancellationToken cancellationToken)
    {
        using RequestBody body = await RequestBody.ReadAsync(context.Request, cancellationToken);
        Result<IReadOnlyList<Message>> result = await queries.AllAsync(context.GetCaller(), cancellationToken);
        return result.IsSuccess
            ? TypedResults.Ok(result.Value.Select(MessageDto.From).ToArray())
            : result.Error.ToHttp();
    }
}
