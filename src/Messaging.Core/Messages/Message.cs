using System.Text.Json.Serialization;

namespace Messaging.Core.Messages;

/// <summary>A message, the <paramref name="Seq"/>-th of its conversation.</summary>
/// <remarks>
/// A system message records a change to a group (<see cref="SystemEvent"/>, e.g. <c>membersAdded</c>): its
/// sender is the user who made the change, its content a readable summary, and <see cref="Members"/> the users
/// it concerns.
/// </remarks>
public sealed record Message(string ConversationId, long Seq, string Sender, string Content, DateTimeOffset SentAt)
{
    public string Id => MessageId.Format(ConversationId, Seq);

    /// <summary>What changed, for a system message; null for a user's message.</summary>
    public string? SystemEvent { get; init; }

    /// <summary>The users a system message concerns.</summary>
    public IReadOnlyList<string>? Members { get; init; }

    [JsonIgnore]
    public bool IsSystem => SystemEvent is not null;
}
