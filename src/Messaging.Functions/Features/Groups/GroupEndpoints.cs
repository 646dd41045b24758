using Messaging.Core;
using Messaging.Core.Conversations;
using Messaging.Core.Groups;
using Messaging.Functions.Features.Conversations;
using Messaging.Functions.Http;
using Messaging.Functions.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Messaging.Functions.Features.Groups;

/// <summary>
/// createGroupConversation, addMembers, removeMembers, setMemberRole, updateConversation, leaveConversation and
/// _getMembers.
/// </summary>
public static class GroupEndpoints
{
    public static RouteGroupBuilder MapGroups(this RouteGroupBuilder api)
    {
        api.MapPost("/createGroupConversation", CreateAsync);
        api.MapPost("/addMembers", AddMembersAsync);
        api.MapPost("/removeMembers", RemoveMembersAsync);
        api.MapPost("/setMemberRole", SetRoleAsync);
        api.MapPost("/updateConversation", UpdateAsync);
        api.MapPost("/leaveConversation", LeaveAsync);
        api.MapPost("/_getMembers", MembersAsync);
        return api;
    }

    public static async Task<Results<Ok<CreateConversationResponse>, ApiError>> CreateAsync(
        JsonBody<CreateGroupRequest> body, HttpContext context, CreateGroupHandler handler, CancellationToken cancellationToken)
    {
        CreateGroupRequest request = body.Value;
        var command = new CreateGroupConversation(request.Creator, request.Title, request.Members, request.Category);
        Result<ConversationCreated> result = await handler.HandleAsync(context.GetCaller(), command, cancellationToken);
        return result.ToHttp(value => new CreateConversationResponse(value.ConversationId));
    }

    public static async Task<Results<Ok<ParticipantsResponse>, ApiError>> AddMembersAsync(
        JsonBody<MembersRequest> body, HttpContext context, ChangeGroupHandler handler, CancellationToken cancellationToken)
    {
        Result<Conversation?> result = await handler.HandleAsync(
            context.GetCaller(), new AddMembers(body.Value.ConversationId, body.Value.Actor, body.Value.Members), cancellationToken);
        return result.ToHttp(value => new ParticipantsResponse(value?.Participants ?? []));
    }

    public static async Task<Results<Ok<ParticipantsResponse>, ApiError>> RemoveMembersAsync(
        JsonBody<MembersRequest> body, HttpContext context, ChangeGroupHandler handler, CancellationToken cancellationToken)
    {
        Result<Conversation?> result = await handler.HandleAsync(
            context.GetCaller(), new RemoveMembers(body.Value.ConversationId, body.Value.Actor, body.Value.Members), cancellationToken);
        return result.ToHttp(value => new ParticipantsResponse(value?.Participants ?? []));
    }

    public static async Task<Results<Ok<MemberDto>, ApiError>> SetRoleAsync(
        JsonBody<SetMemberRoleRequest> body, HttpContext context, ChangeGroupHandler handler, CancellationToken cancellationToken)
    {
        SetMemberRoleRequest request = body.Value;
        Result<Conversation?> result = await handler.HandleAsync(
            context.GetCaller(), new SetMemberRole(request.ConversationId, request.Actor, request.Member, request.Role), cancellationToken);
        return result.ToHttp(value => MemberDto.From(value!.MemberOf(request.Member!)!));
    }

    public static async Task<Results<Ok<ConversationDto>, ApiError>> UpdateAsync(
        JsonBody<UpdateConversationRequest> body, HttpContext context, ChangeGroupHandler handler, CancellationToken cancellationToken)
    {
        Result<Conversation?> result = await handler.HandleAsync(
            context.GetCaller(), new UpdateConversation(body.Value.ConversationId, body.Value.Actor, body.Value.Title), cancellationToken);
        return result.ToHttp(value => ConversationDto.From(value!));
    }

    public static async Task<Results<Ok<EmptyResponse>, ApiError>> LeaveAsync(
        JsonBody<LeaveConversationRequest> body, HttpContext context, ChangeGroupHandler handler, CancellationToken cancellationToken)
    {
        Result<Conversation?> result = await handler.HandleAsync(
            context.GetCaller(), new LeaveConversation(body.Value.ConversationId, body.Value.User), cancellationToken);
        return result.ToHttp(_ => new EmptyResponse());
    }

    /// <summary>A group's members in join order; a direct conversation's two participants, members since its creation.</summary>
    public static async Task<Results<Ok<MemberDto[]>, ApiError>> MembersAsync(
        JsonBody<GetMembersRequest> body, HttpContext context, ConversationQueries queries, CancellationToken cancellationToken)
    {
        Result<Conversation> result = await queries.GetAsync(context.GetCaller(), body.Value.ConversationId, cancellationToken);
        return result.ToHttp(value => (value.IsGroup ? value.Members : value.Participants.Select(u => value.MemberOf(u)!))
            .Select(MemberDto.From).ToArray());
    }
}
