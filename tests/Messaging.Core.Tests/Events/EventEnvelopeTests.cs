using System.Globalization;
using System.Text.Json;
using Messaging.Core.Conversations;
using Messaging.Core.Events;
using Messaging.Core.Groups;
using Messaging.Core.Messages;
using Messaging.Core.Reads;

namespace Messaging.Core.Tests.Events;

public class EventEnvelopeTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, 123, TimeSpan.Zero);

    private static readonly string[] Users = [.. Enumerable.Range(0, 300).Select(i => string.Create(CultureInfo.InvariantCulture, $"user-{i:D4}-with-a-longish-id"))];

    public static TheoryData<string> Names => [.. Events().Keys];

    private static Dictionary<string, MessagingEvent> Events()
    {
        Conversation group = Conversation.StartGroup(ConversationId.New(Now), Users[0], Users[1..], "Trip", "travel", Now);
        (Conversation next, Message removal) = group.PostSystem(Users[0], GroupChanges.MembersRemoved, Users[2..], "removed everyone", Now);
        string content = string.Concat(Enumerable.Repeat("A long message, repeated. ", 200));
        var sent = new Message(group.Id, 7, Users[1], content, Now) { Payload = """{"amount":12.50,"$ref":"/content"}""", ReplyTo = new ReplyPreview(3, Users[0], "hi") };
        return new Dictionary<string, MessagingEvent>(StringComparer.Ordinal)
        {
            ["created"] = ConversationCreated.For(group, MessagingEvent.NewId(Now)),
            ["removed"] = ConversationChanged.For(next.WithMembers(group.Members.Take(2).ToList()), removal, GroupChanges.MembersRemoved, Users[2..], MessagingEvent.NewId(Now)),
            ["sent"] = new MessageSent(MessagingEvent.NewId(Now), sent, group.Participants) { IsGroup = true },
            ["read"] = new MessageRead(MessagingEvent.NewId(Now), group.Id, Now, Users[1], 7, Now, group.Participants) { IsGroup = true, MessagesSinceLastRead = 4 },
        };
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Read_PublishedBody_GivesBackTheEventAsTheOutboxHoldsIt(string name)
    {
        MessagingEvent evt = Events()[name];

        MessagingEvent read = EventEnvelope.Read(EventEnvelope.Serialize(evt));

        Assert.Equal(EventJson.Serialize(evt), EventJson.Serialize(read));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Serialize_LargeValues_SentOnceAndReferencedFromTheFanOutPart(string name)
    {
        MessagingEvent evt = Events()[name];

        string body = EventEnvelope.Serialize(evt);

        using JsonDocument document = JsonDocument.Parse(body);
        string data = document.RootElement.GetProperty(EventEnvelope.DataProperty).GetRawText();
        string outbox = EventJson.Serialize(evt);
        if (name == "read")
        {
            Assert.DoesNotContain("$ref", document.RootElement.GetProperty(EventEnvelope.FanOutProperty).GetRawText(), StringComparison.Ordinal); // nothing long to share
        }
        else
        {
            // The member list, the content: what data holds, the fan-out part only points at.
            Assert.Contains("\"$ref\":\"/", document.RootElement.GetProperty(EventEnvelope.FanOutProperty).GetRawText(), StringComparison.Ordinal);
            Assert.True(body.Length < data.Length + outbox.Length - 1000, $"{body.Length} bytes: nothing was shared.");
        }
    }

    [Fact]
    public void Read_PlainOutboxJson_AsAnEarlierVersionQueuedIt()
    {
        MessagingEvent evt = Events()["sent"];

        Assert.Equal(EventJson.Serialize(evt), EventJson.Serialize(EventEnvelope.Read(EventJson.Serialize(evt))));
    }

    [Fact]
    public void Serialize_Envelope_TypeIdTimeAndDownstreamData()
    {
        var evt = (MessageRead)Events()["read"];

        using JsonDocument document = JsonDocument.Parse(EventEnvelope.Serialize(evt));
        JsonElement root = document.RootElement;

        Assert.Equal("messageRead", root.GetProperty("type").GetString());
        Assert.Equal(evt.EventId, root.GetProperty("eventId").GetString());
        Assert.Equal("2026-12-02T10:00:00.123Z", root.GetProperty("occurredAt").GetString());
        Assert.Equal(
            $$"""{"messageId":"{{evt.ConversationId}}-7","readBy":"{{Users[1]}}","readAt":"2026-12-02T10:00:00.123Z","conversationId":"{{evt.ConversationId}}","messagesSinceLastRead":4}""",
            root.GetProperty("data").GetRawText());
    }
}
