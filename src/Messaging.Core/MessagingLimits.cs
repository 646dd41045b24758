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

    /// <summary>
    /// Most members a group holds, the creator included. Its member list travels in its header row and events; how
    /// long their ids may be together is <see cref="MaxGroupMemberIdBytes"/>.
    /// </summary>
    public const int MaxGroupMembers = 1_000;

    /// <summary>
    /// Most bytes a group's member ids may take together, each counted as events store it: UTF-8, JSON-escaped (a
    /// control character is six bytes, <c>\u0001</c>): 1,000 members with ids of up to 64 ASCII characters (a GUID
    /// is 36), or 500 with ids of the longest, 128.
    /// </summary>
    /// <remarks>
    /// The tightest limit on a large group is not Table Storage but its events: a <c>ConversationCreated</c> carries the
    /// member list twice (as members and as participants), a <c>ConversationChanged</c> adding or removing most of them
    /// twice too (the members and its system message's list), and in Azure each event must fit one Service Bus
    /// Standard message, 256 KB. At this budget the largest is about 235 KB (LargeGroupTests checks the worst case),
    /// its outbox row under 500 KB and the header's member list under 350 KB of Table Storage's 1 MiB per entity, and
    /// a createGroupConversation body naming them all stays under <see cref="MaxRequestBodyBytes"/> even with every
    /// character escaped (<c>\uD83D\uDE00</c>). Without the budget, 1,000 ids of 128 characters would make a creation
    /// event of some 350 KB, which no Service Bus Standard message can carry: its members would never get the group.
    /// </remarks>
    public const int MaxGroupMemberIdBytes = 64_000;

    /// <summary>Longest group title, in scalar values.</summary>
    public const int MaxTitleLength = 200;

    /// <summary>Longest category label (<c>[a-z0-9_-]</c>).</summary>
    public const int MaxCategoryLength = 32;

    /// <summary>Longest reply preview: the start of the answered message's text, in scalar values, cut between characters.</summary>
    public const int ReplyPreviewLength = 100;

    /// <summary>Largest <c>payload</c>, in bytes of compact UTF-8 JSON.</summary>
    public const int MaxPayloadBytes = 4_096;

    /// <summary>Most attachments on one message.</summary>
    public const int MaxAttachments = 10;

    /// <summary>Longest attachment URL, in scalar values.</summary>
    public const int MaxAttachmentUrlLength = 2_048;

    /// <summary>Longest attachment file name, in scalar values.</summary>
    public const int MaxAttachmentNameLength = 255;

    /// <summary>Longest attachment content type (a MIME type such as <c>image/png</c>).</summary>
    public const int MaxContentTypeLength = 127;

    /// <summary>Longest reaction, in UTF-16 code units: an emoji, or a short run of them.</summary>
    public const int MaxEmojiLength = 16;

    /// <summary>Most distinct emoji on one message; a reaction with one more is refused.</summary>
    public const int MaxDistinctReactions = 20;

    /// <summary>How many reactors' ids each emoji's summary lists: the first ones, in the order they reacted.</summary>
    public const int ReactionUsersShown = 10;
}
