using System.Globalization;

namespace Messaging.Core;

/// <summary>Rules for the text fields clients send.</summary>
public static class InputRules
{
    /// <summary>
    /// A user id: not blank, at most <see cref="MessagingLimits.MaxUserIdLength"/> characters, valid Unicode, and not
    /// <c>.</c> or <c>..</c>. Any other character is allowed (storage encodes keys), so ids from any identity
    /// provider fit.
    /// </summary>
    /// <remarks>
    /// <c>.</c> and <c>..</c> are refused because a user id is a path segment of the SignalR Service REST API,
    /// where a dot segment would turn a send to one user into a send to everyone.
    /// </remarks>
    public static Error? CheckUserId(string value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Error.Invalid($"{field} must not be empty or blank.");
        }
        if (value is "." or "..")
        {
            return Error.Invalid($"{field} must not be \".\" or \"..\".");
        }
        if (TextLength.Of(value) > MessagingLimits.MaxUserIdLength)
        {
            return TooLong(field, MessagingLimits.MaxUserIdLength);
        }
        if (!IsValidUnicode(value))
        {
            return Error.Invalid($"{field} must be valid Unicode text.");
        }
        return null;
    }

    /// <summary>
    /// Message content: not blank, at most <see cref="MessagingLimits.MaxContentLength"/> characters, valid Unicode,
    /// and no control characters other than tab, line feed and carriage return.
    /// </summary>
    public static Error? CheckContent(string value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Error.Invalid($"{field} must not be empty or blank.");
        }
        if (TextLength.Of(value) > MessagingLimits.MaxContentLength)
        {
            return TooLong(field, MessagingLimits.MaxContentLength);
        }
        if (!IsValidUnicode(value))
        {
            return Error.Invalid($"{field} must be valid Unicode text.");
        }
        foreach (char c in value)
        {
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
            {
                return Error.Invalid($"{field} must not contain control characters other than tab and line breaks.");
            }
        }
        return null;
    }

    /// <summary>
    /// A client message id (idempotency key): not blank (as user ids are not: a blank key is a client bug, and
    /// every such send would share it), at most <see cref="MessagingLimits.MaxClientMessageIdLength"/> characters, valid
    /// Unicode, no control characters.
    /// </summary>
    public static Error? CheckClientMessageId(string value, string field) =>
        CheckShortText(value, field, MessagingLimits.MaxClientMessageIdLength, "must not be empty or blank.");

    /// <summary>
    /// A short one-line text (a key, a note, a name): not blank (<paramref name="whenBlank"/> completes the error), at
    /// most <paramref name="maxLength"/> characters, valid Unicode, no control characters.
    /// </summary>
    public static Error? CheckShortText(string value, string field, int maxLength, string whenBlank)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Error.Invalid($"{field} {whenBlank}");
        }
        if (TextLength.Of(value) > maxLength)
        {
            return TooLong(field, maxLength);
        }
        if (!IsValidUnicode(value))
        {
            return Error.Invalid($"{field} must be valid Unicode text.");
        }
        if (value.Any(char.IsControl))
        {
            return Error.Invalid($"{field} must not contain control characters.");
        }
        return null;
    }

    /// <summary>A group title: like message content, but one line of at most <see cref="MessagingLimits.MaxTitleLength"/>.</summary>
    public static Error? CheckTitle(string? value, string field)
    {
        if (value is null)
        {
            return Error.Invalid($"{field} is required.");
        }
        if (TextLength.Of(value) > MessagingLimits.MaxTitleLength)
        {
            return TooLong(field, MessagingLimits.MaxTitleLength);
        }
        if (CheckContent(value, field) is { } invalid)
        {
            return invalid;
        }
        return value.Contains('\n', StringComparison.Ordinal) || value.Contains('\r', StringComparison.Ordinal)
            ? Error.Invalid($"{field} must be one line.")
            : null;
    }

    /// <summary>A category label: 1–<see cref="MessagingLimits.MaxCategoryLength"/> characters from <c>[a-z0-9_-]</c>.</summary>
    public static Error? CheckCategory(string value, string field)
    {
        if (value.Length is 0 || value.Length > MessagingLimits.MaxCategoryLength
            || !value.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-'))
        {
            return Error.Invalid(string.Create(CultureInfo.InvariantCulture,
                $"{field} must be 1 to {MessagingLimits.MaxCategoryLength} characters from a-z, 0-9, '_' and '-'."));
        }
        return null;
    }

    /// <summary>A list of user ids: present, not empty, each a valid user id.</summary>
    public static Error? CheckUserIds(IReadOnlyList<string>? values, string field)
    {
        if (values is null || values.Count == 0)
        {
            return Error.Invalid($"{field} must list at least one user.");
        }
        if (values.Count > MessagingLimits.MaxGroupMembers)
        {
            return Error.Invalid(string.Create(CultureInfo.InvariantCulture, $"{field} must list at most {MessagingLimits.MaxGroupMembers:N0} users."));
        }
        foreach (string? value in values)
        {
            if (value is null)
            {
                return Error.Invalid($"{field} must not contain null.");
            }
            if (CheckUserId(value, field + " entries") is { } invalid)
            {
                return invalid;
            }
        }
        return null;
    }

    /// <summary>
    /// A block's reason, a private note: not blank (leave it out for none), at most
    /// <see cref="MessagingLimits.MaxBlockReasonLength"/> characters, valid Unicode, no control characters (one line).
    /// </summary>
    public static Error? CheckReason(string value, string field) =>
        CheckShortText(value, field, MessagingLimits.MaxBlockReasonLength, "must not be empty or blank; leave it out for none.");

    private static Error TooLong(string field, int max) =>
        Error.Invalid(string.Create(CultureInfo.InvariantCulture, $"{field} must be at most {max:N0} {TextLength.Unit}."));

    /// <summary>False when the string holds an unpaired surrogate, which cannot be stored as UTF-8.</summary>
    private static bool IsValidUnicode(string value)
    {
        for (int i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))
                {
                    return false;
                }
                i++;
            }
            else if (char.IsLowSurrogate(value[i]))
            {
                return false;
            }
        }
        return true;
    }
}
