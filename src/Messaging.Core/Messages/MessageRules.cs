using System.Globalization;
using System.Text;

namespace Messaging.Core.Messages;

/// <summary>What a message may carry besides its text: a type, a payload and attachments.</summary>
public static class MessageRules
{
    /// <summary>
    /// The text, type, payload and attachments of a new message. The text may be empty only when the message carries
    /// attachments or a payload: then they are what it says.
    /// </summary>
    public static Error? Check(SendMessage command)
    {
        bool hasBody = command.Attachments.Count > 0 || command.Payload is not null;
        if (!(hasBody && string.IsNullOrEmpty(command.Content)) && InputRules.CheckContent(command.Content ?? string.Empty, "content") is { } badContent)
        {
            return badContent;
        }
        return CheckType(command.Type) ?? CheckPayload(command.Payload) ?? CheckAttachments(command.Attachments);
    }

    public static Error? CheckType(string? type)
    {
        if (type is null)
        {
            return null;
        }
        if (type == MessageTypes.System)
        {
            return Error.Invalid("type \"system\" is reserved for messages the backend writes.");
        }
        return MessageTypes.IsWellFormed(type)
            ? null
            : Error.Invalid("type must be a letter a-z followed by up to 31 letters, digits, '_' or '-'.");
    }

    /// <summary>The payload as compact JSON text (the caller checks it is an object): at most <see cref="MessagingLimits.MaxPayloadBytes"/> bytes of UTF-8.</summary>
    public static Error? CheckPayload(string? payload) =>
        payload is not null && Encoding.UTF8.GetByteCount(payload) > MessagingLimits.MaxPayloadBytes
            ? Error.Invalid($"payload must be at most {MessagingLimits.MaxPayloadBytes} bytes as compact UTF-8 JSON.")
            : null;

    public static Error? CheckAttachments(IReadOnlyList<Attachment> attachments)
    {
        if (attachments.Count > MessagingLimits.MaxAttachments)
        {
            return Error.Invalid($"attachments may hold at most {MessagingLimits.MaxAttachments} entries.");
        }
        for (int i = 0; i < attachments.Count; i++)
        {
            if (CheckAttachment(attachments[i], $"attachments[{i}]") is { } invalid)
            {
                return invalid;
            }
        }
        return null;
    }

    private static Error? CheckAttachment(Attachment attachment, string field)
    {
        // Only https: the backend stores links it never fetches, and a client must not be pointed at plain http or script URLs.
        if (string.IsNullOrEmpty(attachment.Url)
            || TextLength.Of(attachment.Url) > MessagingLimits.MaxAttachmentUrlLength
            || !Uri.TryCreate(attachment.Url, UriKind.Absolute, out Uri? url)
            || url.Scheme != Uri.UriSchemeHttps
            || string.IsNullOrEmpty(url.Host))
        {
            return Error.Invalid($"{field}.url must be an absolute https URL of at most {MessagingLimits.MaxAttachmentUrlLength} characters.");
        }
        if (attachment.Name is not null
            && InputRules.CheckShortText(attachment.Name, $"{field}.name", MessagingLimits.MaxAttachmentNameLength, "must not be empty or blank.") is { } badName)
        {
            return badName;
        }
        if (attachment.ContentType is not null && !IsMediaType(attachment.ContentType))
        {
            return Error.Invalid($"{field}.contentType must be a media type such as image/png, of at most {MessagingLimits.MaxContentTypeLength} characters.");
        }
        return attachment.Size < 0 ? Error.Invalid($"{field}.size must be a number of bytes, zero or more.") : null;
    }

    /// <summary><c>type/subtype</c> with RFC 6838's restricted name characters, parameters allowed after a ';'.</summary>
    private static bool IsMediaType(string value)
    {
        if (value.Length > MessagingLimits.MaxContentTypeLength)
        {
            return false;
        }
        string essence = value.Split(';', 2)[0];
        string[] parts = essence.Split('/');
        return parts.Length == 2 && parts.All(p => p.Length > 0 && p.All(IsNameChar)) && value.All(c => c is >= ' ' and <= '~');

        static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '!' or '#' or '$' or '&' or '-' or '^' or '_' or '.' or '+';
    }

    /// <summary>
    /// The start of a message's text for a reply to show: at most <see cref="MessagingLimits.ReplyPreviewLength"/>
    /// scalar values, cut between user-perceived characters so that no emoji or accented letter is split.
    /// </summary>
    public static string ReplyPreview(string content)
    {
        if (TextLength.Of(content) <= MessagingLimits.ReplyPreviewLength)
        {
            return content;
        }
        int end = 0;
        int taken = 0;
        TextElementEnumerator elements = StringInfo.GetTextElementEnumerator(content);
        while (elements.MoveNext())
        {
            string element = elements.GetTextElement();
            int length = TextLength.Of(element);
            if (taken + length > MessagingLimits.ReplyPreviewLength)
            {
                break;
            }
            taken += length;
            end = elements.ElementIndex + element.Length;
        }
        return content[..end];
    }

    /// <summary>What a reply shows of the message it answers; a deleted one shows only that it was deleted.</summary>
    public static ReplyPreview Answering(Message original) =>
        original.IsDeleted
            ? new ReplyPreview(original.Seq, original.Sender, null, Deleted: true)
            : new ReplyPreview(original.Seq, original.Sender, ReplyPreview(original.Content));

    /// <summary>Whether a retried send asks for the same message as the one stored under its client message id.</summary>
    public static bool SameMessage(Message stored, SendMessage command) =>
        string.Equals(stored.Content, command.Content ?? string.Empty, StringComparison.Ordinal)
        && string.Equals(stored.Type, command.Type ?? MessageTypes.Text, StringComparison.Ordinal)
        && string.Equals(stored.Payload, command.Payload, StringComparison.Ordinal)
        && stored.Attachments.SequenceEqual(command.Attachments)
        && (stored.ReplyTo is null ? command.ReplyTo is null : MessageId.Format(stored.ConversationId, stored.ReplyTo.Seq) == command.ReplyTo);
}
