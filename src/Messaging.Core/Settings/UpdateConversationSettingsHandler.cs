using Messaging.Core.Conversations;
using Messaging.Core.Identity;

namespace Messaging.Core.Settings;

/// <summary>
/// The updateConversationSettings action: checks that the user is a participant (one header read: not a hot path),
/// then merges the change into the user's inbox entry. No event: settings are the user's own, not news for others.
/// </summary>
public sealed class UpdateConversationSettingsHandler(IConversationStore conversations, IConversationSettingsStore settings)
{
    public async Task<Result<ConversationSettings>> HandleAsync(Caller caller, UpdateConversationSettings command, CancellationToken cancellationToken)
    {
        Result<string> user = caller.ActAs(command.User, "user");
        if (!user.IsSuccess)
        {
            return user.Error;
        }
        if (command.Change.SetsRingtone && SettingsRules.CheckRingtone(command.Change.Ringtone, "ringtone") is { } invalid)
        {
            return invalid;
        }
        Conversation? conversation = ConversationId.IsWellFormed(command.ConversationId)
            ? await conversations.FindAsync(command.ConversationId, cancellationToken)
            : null;
        if (conversation is null)
        {
            return Error.NotFound("Conversation");
        }
        if (!conversation.HasMember(user.Value))
        {
            return Error.Forbidden("user is not a participant of this conversation.");
        }
        return Result<ConversationSettings>.Ok(await settings.UpdateAsync(user.Value, conversation.Id, command.Change, cancellationToken));
    }
}
