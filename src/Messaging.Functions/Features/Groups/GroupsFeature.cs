using System.Text.Json.Serialization;
using Messaging.Core.Events;
using Messaging.Core.Groups;
using Messaging.Functions.Http;
using Messaging.Functions.Realtime;

namespace Messaging.Functions.Features.Groups;

/// <summary>Group conversations: creating one, membership and roles, title, leaving.</summary>
public static class GroupsFeature
{
    public static IServiceCollection AddGroups(this IServiceCollection services)
    {
        services.AddSingleton<CreateGroupHandler>();
        services.AddSingleton<ChangeGroupHandler>();
        services.AddSingleton<IEventFanOut, ConversationChangedFanOut>();
        services.AddRealtimePayload<ConversationChanged, ConversationChangedDto>(ConversationChangedDto.From);
        services.AddJsonContext(GroupsJsonContext.Default);
        return services;
    }
}

[JsonSerializable(typeof(CreateGroupRequest))]
[JsonSerializable(typeof(MembersRequest))]
[JsonSerializable(typeof(SetMemberRoleRequest))]
[JsonSerializable(typeof(UpdateConversationRequest))]
[JsonSerializable(typeof(LeaveConversationRequest))]
[JsonSerializable(typeof(GetMembersRequest))]
[JsonSerializable(typeof(ParticipantsResponse))]
[JsonSerializable(typeof(MemberDto))]
[JsonSerializable(typeof(MemberDto[]))]
[JsonSerializable(typeof(ConversationChangedDto))]
internal sealed partial class GroupsJsonContext : JsonSerializerContext;
