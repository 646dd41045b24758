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
    public static Error? CheckRingtone(string? value, string field) =>
        value is null ? null : InputRules.CheckShortText(value, field, MaxRingtoneLength, "must not be empty or blank; send null to clear it.");
}
