namespace Messaging.Core.Deleting;

/// <summary>Delete a message for everyone: what it said is erased, a tombstone keeps its place in the sequence.</summary>
/// <param name="MessageId">The message.</param>
/// <param name="User">Who deletes: its sender, or an admin of its group; may be left out when the caller is authenticated.</param>
public sealed record DeleteMessage(string MessageId, string? User);
