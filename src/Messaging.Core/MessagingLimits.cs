namespace Messaging.Core;

/// <summary>
/// Size limits on client input. They keep every entity well inside Table Storage's limits
/// (64 KiB per string property, 1 KiB per key) with room to spare. Text lengths are counted by
/// <see cref="TextLength"/>, in Unicode scalar values.
/// </summary>
public static class MessagingLimits
{
    /// <summary>Longest user id, in scalar values. Encoded keys stay under Table Storage's key limit.</summary>
    public const int MaxUserIdLength = 128;

    /// <summary>Longest client message id (idempotency key), in scalar values.</summary>
    public const int MaxClientMessageIdLength = 64;

    /// <summary>
    /// Longest message content, in scalar values. At most two UTF-16 code units each, so even content made
    /// only of emoji is 32,000 code units (64,000 bytes), inside a Table string property's 64 KiB.
    /// </summary>
    public const int MaxContentLength = 16_000;

    /// <summary>Longest reason a user may note on a block, in scalar values.</summary>
    public const int MaxBlockReasonLength = 200;

    /// <summary>Largest accepted request body, in bytes (the longest content fits even escaped: \uXXXX\uXXXX is twelve bytes a scalar value).</summary>
    public const int MaxRequestBodyBytes = 256 * 1024;

    /// <summary>Deepest JSON nesting accepted in a request body.</summary>
    public const int MaxJsonDepth = 16;

    /// <summary>Longest message preview kept with a conversation (its last message), in scalar values.</summary>
    public const int PreviewLength = 200;

    /// <summary>Most members a group holds. Its member list travels in its header row and events, which this keeps inside Table Storage's 1 MiB per entity for ids of ordinary length.</summary>
    public const int MaxGroupMembers = 1_000;

    /// <summary>Longest group title, in scalar values.</summary>
    public const int MaxTitleLength = 200;

    /// <summary>Longest category label (<c>[a-z0-9_-]</c>).</summary>
    public const int MaxCategoryLength = 32;
}
