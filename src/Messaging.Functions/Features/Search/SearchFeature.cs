using System.Text.Json.Serialization;
using Messaging.Core.Events;
using Messaging.Core.Search;
using Messaging.Functions.Http;

namespace Messaging.Functions.Features.Search;

/// <summary>
/// Message search: the index follows sends, edits, deletes, reactions and conversation deletions through fan-outs of
/// its own (registered after the features that raise those events, so they run after theirs), and _searchMessages reads it.
/// </summary>
public static class SearchFeature
{
    public static IServiceCollection AddSearch(this IServiceCollection services)
    {
        services.AddSingleton<SearchQueries>();
        services.AddSingleton<IEventFanOut, MessageSentSearchFanOut>();
        services.AddSingleton<IEventFanOut, MessageUpdatedSearchFanOut>();
        services.AddSingleton<IEventFanOut, MessageDeletedSearchFanOut>();
        services.AddSingleton<IEventFanOut, ReactionChangedSearchFanOut>();
        services.AddSingleton<IEventFanOut, ConversationDeletedSearchFanOut>();
        services.AddJsonContext(SearchJsonContext.Default);
        return services;
    }
}

[JsonSerializable(typeof(SearchMessagesRequest))]
[JsonSerializable(typeof(SearchHitDto[]))]
internal sealed partial class SearchJsonContext : JsonSerializerContext;
