using Messaging.Core;
using Messaging.Core.Blocking;
using Messaging.Functions.Features.Conversations;
using Messaging.Functions.Http;
using Messaging.Functions.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Messaging.Functions.Features.Blocking;

/// <summary>User blocking: blockUser, unblockUser, _getBlockedUsers.</summary>
public static class BlockingEndpoints
{
    public static RouteGroupBuilder MapBlocking(this RouteGroupBuilder api)
    {
        api.MapPost("/blockUser", BlockAsync);
        api.MapPost("/unblockUser", UnblockAsync);
        api.MapPost("/_getBlockedUsers", BlockedUsersAsync);
        return api;
    }

    public static async Task<Results<Ok<BlockUserResponse>, ApiError>> BlockAsync(
        JsonBody<BlockUserRequest> body, HttpContext context, BlockUserHandler handler, CancellationToken cancellationToken)
    {
        var command = new BlockUser(body.Value.User, body.Value.Blocked, body.Value.Reason);
        Result<Block> result = await handler.BlockAsync(context.GetCaller(), command, cancellationToken);
        return result.ToHttp(BlockUserResponse.From);
    }

    public static async Task<Results<Ok<EmptyResponse>, ApiError>> UnblockAsync(
        JsonBody<UnblockUserRequest> body, HttpContext context, BlockUserHandler handler, CancellationToken cancellationToken)
    {
        var command = new UnblockUser(body.Value.User, body.Value.Blocked);
        Result<UnblockUser> result = await handler.UnblockAsync(context.GetCaller(), command, cancellationToken);
        return result.ToHttp(_ => new EmptyResponse());
    }

    public static async Task<Results<Ok<BlockedUserDto[]>, ApiError>> BlockedUsersAsync(
        JsonBody<UserRequest> body, HttpContext context, BlockQueries queries, CancellationToken cancellationToken)
    {
        Result<IReadOnlyList<Block>> result = await queries.BlockedUsersAsync(context.GetCaller(), body.Value.User, cancellationToken);
        return result.ToHttp(value => value.Select(BlockedUserDto.From).ToArray());
    }
}
