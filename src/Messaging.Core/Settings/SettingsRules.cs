using System.Globalization;

namespace Messaging.Core.Settings;

/// <summary>Rules for the values of conversation settings.</summary>
public static class SettingsRules
{
    /// <summary>Longest ringtone name, in characters (Unicode scalar values).</summary>
    public const int MaxRingtoneLength = 64;

    /// <summary>
    /// A ringtone names a sound the client knows: one short line, 1–<see cref="MaxRingtoneLength"/> characters, not
    /// blank, valid Unicode, no control characters. Null (no ringtone) is always allowed.
    /// </summary>
    public static Error? CheckRingtone(string? value, string field)
    {
        if (value is null)
        {
            return null;
        }
        if (string.IsNullOrWhiteSpace(value))
        {
            return Error.Invalid($"{field} must not be empty or blank; send null to clear it.");
        }
        if (TextLength.Of(value) > MaxRingtoneLength)
        {
            return Error.Invalid(string.Create(CultureInfo.InvariantCulture, $"{field} must be at most {MaxRingtoneLength} {TextLength.Unit}."));
        }
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (char.IsControl(c))
            {
                return Error.Invalid($"{field} must not contain control characters.");
            }
            // A lone surrogate cannot be stored as UTF-8.
            if (char.IsLowSurrogate(c) || (char.IsHighSurrogate(c) && (++i >= value.Length || !char.IsLowSurrogate(value[i]))))
            {
                return Error.Invalid($"{field} must be valid Unicode text.");
            }
        }
        return null;
    }
}
