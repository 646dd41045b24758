using System.Text.Json.Serialization;
using Messaging.Core.Editing;
using Messaging.Functions.Http;

namespace Messaging.Functions.Features.Editing;

/// <summary>The body of <c>editMessage</c>: <see cref="User"/> (the sender) defaults to the caller.</summary>
public sealed record EditMessageRequest
{
    public required string MessageId { get; init; }

    public string? User { get; init; }

    public string? Content { get; init; }
}

/// <summary>The body of <c>_getMessageEdits</c>.</summary>
public sealed record MessageEditsRequest
{
    public required string MessageId { get; init; }
}

/// <summary>An earlier version of a message: its text, and when an edit replaced it.</summary>
public sealed record MessageEditDto(
    [property: JsonPropertyName("content")] string Content,
    [property: JsonPropertyName("editedAt")] string EditedAt)
{
    public static MessageEditDto From(MessageEdit edit) => new(edit.Content, Iso.Format(edit.EditedAt));
}
