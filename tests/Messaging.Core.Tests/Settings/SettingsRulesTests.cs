using Messaging.Core.Settings;

namespace Messaging.Core.Tests.Settings;

public class SettingsRulesTests
{
    [Theory]
    [InlineData("chime")]
    [InlineData("Bell – soft 🔔")]
    [InlineData(null)]
    public void CheckRingtone_Valid(string? ringtone) => Assert.Null(SettingsRules.CheckRingtone(ringtone, "ringtone"));

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("a\nb")]
    [InlineData("a\u0000b")]
    public void CheckRingtone_Invalid(string ringtone) => Assert.Equal(ErrorKind.Invalid, SettingsRules.CheckRingtone(ringtone, "ringtone")?.Kind);

    [Fact]
    public void CheckRingtone_LoneSurrogate_Invalid()
    {
        // Not as InlineData: the test runner's serialization would replace the lone surrogates.
        Assert.NotNull(SettingsRules.CheckRingtone("a\ud83d", "ringtone"));
        Assert.NotNull(SettingsRules.CheckRingtone("\ude00x", "ringtone"));
        Assert.NotNull(SettingsRules.CheckRingtone("\ud83d\ud83d", "ringtone"));
    }

    [Fact]
    public void CheckRingtone_LengthInCharacters()
    {
        Assert.Null(SettingsRules.CheckRingtone(string.Concat(Enumerable.Repeat("😀", 64)), "ringtone"));
        Assert.NotNull(SettingsRules.CheckRingtone(new string('r', 65), "ringtone"));
    }

    [Fact]
    public void ApplyTo_ChangesOnlyWhatIsGiven_NullRingtoneClears()
    {
        var current = new ConversationSettings(Pinned: true, Muted: false, Archived: true, Favorite: false, Ringtone: "bell");

        Assert.Equal(current with { Muted = true }, new SettingsChange(null, true, null, null, false, null).ApplyTo(current));
        Assert.Equal(current with { Ringtone = null }, new SettingsChange(null, null, null, null, true, null).ApplyTo(current));
        Assert.True(new SettingsChange(null, null, null, null, false, "ignored").IsEmpty);
    }
}
