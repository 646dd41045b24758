namespace Messaging.Core;

/// <summary>
/// Size limits on client input. They keep every entity well inside Table Storage's limits
/// (64 KiB per string property, 1 KiB per key) with room to spare.
/// </summary>
public static class MessagingLimits
{
    /// <summary>Longest user id, in UTF-16 code units. Encoded keys stay under Table Storage's key limit.</summary>
    public const int MaxUserIdLength = 128;

    /// <summary>Longest client message id (idempotency key), in UTF-16 code units.</summary>
    public const int MaxClientMessageIdLength = 64;

    /// <summary>Longest message content, in UTF-16 code units (32 KB as UTF-16, half of a Table string property).</summary>
    public const int MaxContentLength = 16_000;

    /// <summary>Largest accepted request body, in bytes (content escaped as \uXXXX may take six bytes a character).</summary>
    public const int MaxRequestBodyBytes = 256 * 1024;

    /// <summary>Deepest JSON nesting accepted in a request body.</summary>
    public const int MaxJsonDepth = 16;
}
