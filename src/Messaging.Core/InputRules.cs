namespace Messaging.Core;

/// <summary>Rules for the text fields clients send.</summary>
public static class InputRules
{
    /// <summary>
    /// A user id: not blank, at most <see cref="MessagingLimits.MaxUserIdLength"/> long, valid Unicode, and not
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
            return Error.Invalid($"{field} must not be empty.");
        }
        if (value is "." or "..")
        {
            return Error.Invalid($"{field} must not be \".\" or \"..\".");
        }
        if (value.Length > MessagingLimits.MaxUserIdLength)
        {
            return Error.Invalid($"{field} must be at most {MessagingLimits.MaxUserIdLength} characters long.");
        }
        if (!IsValidUnicode(value))
        {
            return Error.Invalid($"{field} must be valid Unicode text.");
        }
        return null;
    }

    /// <summary>
    /// Message content: not blank, at most <see cref="MessagingLimits.MaxContentLength"/> long, valid Unicode,
    /// and no control characters other than tab, line feed and carriage return.
    /// </summary>
    public static Error? CheckContent(string value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Error.Invalid($"{field} must not be empty.");
        }
        if (value.Length > MessagingLimits.MaxContentLength)
        {
            return Error.Invalid($"{field} must be at most {MessagingLimits.MaxContentLength} characters long.");
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

    /// <summary>A client message id (idempotency key): 1 to 64 characters, no control characters.</summary>
    public static Error? CheckClientMessageId(string value, string field)
    {
        if (value.Length is 0 or > MessagingLimits.MaxClientMessageIdLength || value.Any(char.IsControl) || !IsValidUnicode(value))
        {
            return Error.Invalid($"{field} must be 1 to {MessagingLimits.MaxClientMessageIdLength} characters without control characters.");
        }
        return null;
    }

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
