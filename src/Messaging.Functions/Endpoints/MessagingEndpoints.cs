using Messaging.Core;
using Messaging.Core.Conversations;
using Messaging.Core.Events;
using Messaging.Core.Inbox;
using Messaging.Core.Messages;
using Messaging.Core.Queries;
using Messaging.Functions.Http;

namespace Messaging.Functions.Endpoints;

/// <summary>The seed 000 contract: every action and query is <c>POST /api/Messaging/{name}</c> with a JSON body.</summary>
public static class MessagingEndpoints
{
    public static RouteGroupBuilder MapMessaging(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder group = routes.MapGroup("/api/Messaging").WithTags("Messaging");
        group.MapPost("/createConversation", CreateConversationAsync);
        group.MapPost("/sendMessage", SendMessageAsync);
        group.MapPost("/_getConversation", GetConversationAsync);
        group.MapPost("/_getMessagesInConversation", GetMessagesInConversationAsync);
        group.MapPost("/_getConversationsForUser", GetConversationsForUserAsync);
        group.MapPost("/_getAllConversations", GetAllConversationsAsync);
        group.MapPost("/_getMessageDetails", GetMessageDetailsAsync);
        group.MapPost("/_getAllMessages", GetAllMessagesAsync);
        return group;
    }

    public static async Task<IResult> CreateConversationAsync(HttpRequest request, CreateConversationHandler handler, CancellationToken cancellationToken)
    {
        using RequestBody body = await RequestBody.ReadAsync(request, cancellationToken);
        var command = new CreateConversation(body.RequiredString("user1"), body.RequiredString("user2"));
        Result<ConversationCreated> result = await handler.HandleAsync(command, cancellationToken);
        return result.IsSuccess
            ? TypedResults.Ok(new CreateConversationResponse(result.Value.ConversationId))
            : result.Error.ToHttp();
    }

    public static async Task<IResult> SendMessageAsync(HttpRequest request, SendMessageHandler handler, CancellationToken cancellationToken)
    {
        using RequestBody body = await RequestBody.ReadAsync(request, cancellationToken);
        var command = new SendMessage(body.RequiredString("conversationId"), body.RequiredString("sender"), body.RequiredString("content"));
        Result<Message> result = await handler.HandleAsync(command, cancellationToken);
        return result.IsSuccess
            ? TypedResults.Ok(new SendMessageResponse(MessageDto.From(result.Value)))
            : result.Error.ToHttp();
    }

    public static async Task<IResult> GetConversationAsync(HttpRequest request, ConversationQueries queries, CancellationToken cancellationToken)
    {
        using RequestBody body = await RequestBody.ReadAsync(request, cancellationToken);
        Result<Conversation> result = await queries.GetAsync(body.RequiredString("conversationId"), cancellationToken);
        return result.IsSuccess
            ? TypedResults.Ok(new[] { ConversationDto.From(result.Value) })
            : result.Error.ToHttp();
    }

    public static async Task<IResult> GetMessagesInConversationAsync(HttpRequest request, MessageQueries queries, CancellationToken cancellationToken)
    {
        using RequestBody body = await RequestBody.ReadAsync(request, cancellationToken);
        Result<IReadOnlyList<Message>> result = await queries.InConversationAsync(body.RequiredString("conversationId"), cancellationToken);
        return result.IsSuccess
            ? TypedResults.Ok(result.Value.Select(MessageDto.From).ToArray())
            : result.Error.ToHttp();
    }

    public static async Task<IResult> GetConversationsForUserAsync(HttpRequest request, ConversationQueries queries, CancellationToken cancellationToken)
    {
        using RequestBody body = await RequestBody.ReadAsync(request, cancellationToken);
        Result<IReadOnlyList<InboxEntry>> result = await queries.ForUserAsync(body.RequiredString("user"), cancellationToken);
        return result.IsSuccess
            ? TypedResults.Ok(result.Value.Select(ConversationDto.From).ToArray())
            : result.Error.ToHttp();
    }

    public static async Task<IResult> GetAllConversationsAsync(HttpRequest request, ConversationQueries queries, CancellationToken cancellationToken)
    {
        using RequestBody body = await RequestBody.ReadAsync(request, cancellationToken);
        IReadOnlyList<Conversation> all = await queries.AllAsync(cancellationToken);
        return TypedResults.Ok(all.Select(ConversationDto.From).ToArray());
    }

    public static async Task<IResult> GetMessageDetailsAsync(HttpRequest request, MessageQueries queries, CancellationToken cancellationToken)
    {
        using RequestBody body = await RequestBody.ReadAsync(request, cancellationToken);
        Result<Message> result = await queries.DetailsAsync(body.RequiredString("messageId"), cancellationToken);
        return result.IsSuccess
            ? TypedResults.Ok(new[] { MessageDto.From(result.Value) })
            : result.Error.ToHttp();
    }

    public static async Task<IResult> GetAllMessagesAsync(HttpRequest request, MessageQueries queries, CancellationToken cancellationToken)
    {
        using RequestBody body = await RequestBody.ReadAsync(request, cancellationToken);
        IReadOnlyList<Message> all = await queries.AllAsync(cancellationToken);
        return TypedResults.Ok(all.Select(MessageDto.From).ToArray());
    }
}
