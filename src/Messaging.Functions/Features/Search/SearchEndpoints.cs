using Messaging.Core;
using Messaging.Core.Search;
using Messaging.Functions.Http;
using Messaging.Functions.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Messaging.Functions.Features.Search;

/// <summary>_searchMessages.</summary>
public static class SearchEndpoints
{
    public static RouteGroupBuilder MapSearch(this RouteGroupBuilder api)
    {
        api.MapPost("/_searchMessages", SearchAsync);
        return api;
    }

    public static async Task<Results<Ok<SearchHitDto[]>, ApiError>> SearchAsync(
        JsonBody<SearchMessagesRequest> body, HttpContext context, SearchQueries queries, CancellationToken cancellationToken)
    {
        SearchMessagesRequest request = body.Value;
        var search = new SearchMessages(request.User, request.Query, request.ConversationId, request.Limit, request.Before);
        Result<IReadOnlyList<SearchHit>> result = await queries.SearchAsync(context.GetCaller(), search, cancellationToken);
        return result.ToHttp(hits => hits.Select(SearchHitDto.From).ToArray());
    }
}
