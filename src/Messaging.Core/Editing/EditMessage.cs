namespace Messaging.Core.Editing;

/// <summary>Replace a message's text; the text it had is kept as an earlier version.</summary>
/// <param name="MessageId">The message.</param>
/// <param name="User">Who edits (its sender); may be left out when the caller is authenticated.</param>
/// <param name="Content">The new text.</param>
public sealed record EditMessage(string MessageId, string? User, string? Content);

/// <summary>An earlier version of an edited message: its text, and when an edit replaced it.</summary>
public sealed record MessageEdit(string Content, DateTimeOffset EditedAt);
