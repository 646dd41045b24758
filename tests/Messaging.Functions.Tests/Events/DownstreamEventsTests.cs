using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Messaging.ServiceBus;
using Messaging.Core.Events;
using Messaging.DevStorage;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;

namespace Messaging.Functions.Tests.Events;

/// <summary>
/// What other services receive from the topic: every event type, made through the API, as the publisher hands it to
/// the Service Bus sender, checked against the schema README.md documents ("Events for downstream consumers"): the
/// envelope, every documented field with its type, no undocumented field, no null. Then the <c>fanout</c> function
/// takes the same messages and applies them.
/// </summary>
public partial class DownstreamEventsTests(AzuriteFixture azurite)
{
    private const string FakeConnection =
        "Endpoint=sb://messaging-test.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=c2VjcmV0LWtleS1mb3ItdGVzdHM=";

    [Fact]
    public async Task EveryEventType_PublishedBody_MatchesItsDocumentedSchema_AndTheFanOutConsumesIt()
    {
        var topic = new ServiceBusPublishingTests.RecordingSender();
        await using var app = new MessagingApp(azurite, settings: new Dictionary<string, string?>
        {
            ["ServiceBus:ConnectionString"] = FakeConnection,
            ["Invocations:Enabled"] = "true",
        }, configureServices: services => services.AddSingleton<ServiceBusSender>(topic));
        using ApiClient api = app.Api();
        Scenario made = await MakeEveryEventAsync(api);
        (Dictionary<string, string> envelope, Dictionary<string, Dictionary<string, string>> schemas) = DocumentedSchemas();

        ServiceBusMessage[] sent = [.. topic.Sent];
        var seen = new Dictionary<string, List<JsonElement>>(StringComparer.Ordinal);
        foreach (ServiceBusMessage message in sent)
        {
            using JsonDocument body = JsonDocument.Parse(message.Body.ToString());
            JsonElement root = body.RootElement;
            Assert.Equal(envelope.Keys.Order(StringComparer.Ordinal), root.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
            string type = root.GetProperty("type").GetString()!;
            Assert.Equal(type, message.Subject);
            Assert.Equal(message.MessageId, root.GetProperty("eventId").GetString());
            Assert.Equal(EventEnvelope.Read(message.Body.ToString()).EventId, message.MessageId);
            foreach ((string field, string kind) in envelope)
            {
                AssertKind(kind, root.GetProperty(field), $"{type}.{field}");
            }
            Assert.True(schemas.TryGetValue(type, out Dictionary<string, string>? schema), $"'{type}' is published but not documented in README.md.");
            AssertMatches(type, schema, root.GetProperty("data"));
            seen.TryAdd(type, []);
            seen[type].Add(root.GetProperty("data").Clone());
        }

        Assert.Equal(schemas.Keys.Order(StringComparer.Ordinal), seen.Keys.Order(StringComparer.Ordinal)); // every documented type was made and checked
        Assert.Equal(
            EventJson.EventTypes.Select(t => t.Name).Order(StringComparer.Ordinal),
            sent.Select(m => EventEnvelope.Read(m.Body.ToString()).GetType().Name).Distinct().Order(StringComparer.Ordinal));
        AssertValues(made, seen);

        // The fanout function consumes what was published: the group shows in dave's list as it stands, the deleted
        // direct conversation leaves bob's.
        Assert.DoesNotContain(await ConversationsAsync(api, "dave"), c => c.Id == made.Group);
        foreach (ServiceBusMessage message in sent)
        {
            ServiceBusReceivedMessage received = ServiceBusModelFactory.ServiceBusReceivedMessage(
                body: message.Body, messageId: message.MessageId, sessionId: message.SessionId, subject: message.Subject,
                contentType: message.ContentType, deliveryCount: 1);
            HttpResponseMessage response = await api.Http.PostAsync(
                "/fanout", new StringContent(ServiceBusPublishingTests.Invocation(received), Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        Assert.Contains(await ConversationsAsync(api, "dave"), c => c.Id == made.Group && c.Title == "Trip 2");
        Assert.DoesNotContain(await ConversationsAsync(api, "bob"), c => c.Id == made.Direct);
    }

    private sealed record Scenario(string Direct, string Group, string First, string Reply);

    /// <summary>One of each event, in a direct conversation and a group.</summary>
    private static async Task<Scenario> MakeEveryEventAsync(ApiClient api)
    {
        string direct = await api.CreateConversationAsync("alice", "bob");
        string first = (await api.SendAsync(direct, "alice", "hello")).GetProperty("_id").GetString()!;
        await api.SendAsync(direct, "alice", "are you there?");
        (await api.PostAsync("markRead", new { conversationId = direct, user = "bob" })).AssertStatus(HttpStatusCode.OK);
        ApiResponse reply = await api.PostAsync("sendMessage", new
        {
            conversationId = direct,
            sender = "bob",
            content = "",
            type = "image",
            replyTo = first,
            attachments = new[] { new { url = "https://files.example.com/p/beach.jpg", name = "beach.jpg", contentType = "image/jpeg", size = 183422 } },
            payload = new { amount = 12.5, currency = "EUR" },
        });
        reply.AssertStatus(HttpStatusCode.OK);
        string replyId = reply.Json.GetProperty("message").GetProperty("_id").GetString()!;
        (await api.PostAsync("markDelivered", new { conversationId = direct, user = "alice" })).AssertStatus(HttpStatusCode.OK);
        (await api.PostAsync("editMessage", new { messageId = first, user = "alice", content = "hello!" })).AssertStatus(HttpStatusCode.OK);
        (await api.PostAsync("addReaction", new { messageId = first, user = "bob", emoji = "👍" })).AssertStatus(HttpStatusCode.OK);
        (await api.PostAsync("removeReaction", new { messageId = first, user = "bob", emoji = "👍" })).AssertStatus(HttpStatusCode.OK);
        (await api.PostAsync("deleteMessage", new { messageId = replyId, user = "bob" })).AssertStatus(HttpStatusCode.OK);

        ApiResponse created = await api.PostAsync("createGroupConversation", new { creator = "carol", members = new[] { "dave", "erin" }, title = "Trip" });
        created.AssertStatus(HttpStatusCode.OK);
        string group = created.Json.GetProperty("conversationId").GetString()!;
        (await api.PostAsync("addMembers", new { conversationId = group, actor = "carol", members = new[] { "frank" } })).AssertStatus(HttpStatusCode.OK);
        (await api.PostAsync("setMemberRole", new { conversationId = group, actor = "carol", member = "dave", role = "admin" })).AssertStatus(HttpStatusCode.OK);
        (await api.PostAsync("updateConversation", new { conversationId = group, actor = "carol", title = "Trip 2" })).AssertStatus(HttpStatusCode.OK);
        (await api.PostAsync("removeMembers", new { conversationId = group, actor = "carol", members = new[] { "frank" } })).AssertStatus(HttpStatusCode.OK);
        (await api.PostAsync("leaveConversation", new { conversationId = group, user = "erin" })).AssertStatus(HttpStatusCode.OK);
        (await api.PostAsync("deleteConversation", new { conversationId = direct, actor = "alice" })).AssertStatus(HttpStatusCode.OK);
        return new Scenario(direct, group, first, replyId);
    }

    /// <summary>The values behind the shapes: public message ids, who did what, the read count.</summary>
    private static void AssertValues(Scenario made, Dictionary<string, List<JsonElement>> seen)
    {
        JsonElement created = seen["conversationCreated"].Single(d => d.GetProperty("kind").GetString() == "group");
        Assert.Equal(new[] { "carol", "dave", "erin" }, Strings(created.GetProperty("participantIds")));
        Assert.Equal(new[] { "carol" }, Strings(created.GetProperty("adminIds")));
        Assert.Equal("Trip", created.GetProperty("title").GetString());
        Assert.False(seen["conversationCreated"].Single(d => d.GetProperty("kind").GetString() == "direct").TryGetProperty("title", out _));

        JsonElement reply = seen["messageSent"].Single(d => d.GetProperty("senderId").GetString() == "bob");
        Assert.Equal(made.Reply, reply.GetProperty("messageId").GetString());
        Assert.Equal(made.First, reply.GetProperty("replyToMessageId").GetString());
        Assert.Equal(new[] { "alice" }, Strings(reply.GetProperty("recipientIds")));
        Assert.Equal("image", reply.GetProperty("type").GetString());
        Assert.Equal("https://files.example.com/p/beach.jpg", reply.GetProperty("attachments")[0].GetProperty("url").GetString());
        Assert.Equal(12.5m, reply.GetProperty("payload").GetProperty("amount").GetDecimal());
        JsonElement hello = seen["messageSent"].First(d => d.GetProperty("senderId").GetString() == "alice");
        Assert.Equal(made.First, hello.GetProperty("messageId").GetString());
        Assert.False(hello.TryGetProperty("replyToMessageId", out _)); // left out, not null
        Assert.False(hello.TryGetProperty("payload", out _));
        Assert.Equal(0, hello.GetProperty("attachments").GetArrayLength()); // lists are always there

        JsonElement read = Assert.Single(seen["messageRead"], d => d.GetProperty("readBy").GetString() == "bob");
        Assert.Equal(made.Direct + "-2", read.GetProperty("messageId").GetString());
        Assert.Equal(2, read.GetProperty("messagesSinceLastRead").GetInt64());
        Assert.Equal(made.Reply, Assert.Single(seen["messageDelivered"]).GetProperty("messageId").GetString());
        Assert.Equal("hello!", Assert.Single(seen["messageEdited"]).GetProperty("content").GetString());
        Assert.Equal("👍", Assert.Single(seen["reactionAdded"]).GetProperty("emoji").GetString());
        Assert.Equal("bob", Assert.Single(seen["reactionRemoved"]).GetProperty("removedBy").GetString());
        Assert.Equal("bob", Assert.Single(seen["messageDeleted"]).GetProperty("deletedBy").GetString());
        Assert.Equal(new[] { "frank" }, Strings(Assert.Single(seen["membersAdded"]).GetProperty("userIds")));
        Assert.Equal("admin", Assert.Single(seen["memberRoleChanged"]).GetProperty("role").GetString());
        Assert.Equal("Trip 2", Assert.Single(seen["conversationTitleChanged"]).GetProperty("title").GetString());
        Assert.False(Assert.Single(seen["membersRemoved"]).GetProperty("conversationDeleted").GetBoolean());
        Assert.Equal("erin", Assert.Single(seen["memberLeft"]).GetProperty("userId").GetString());
        JsonElement deleted = Assert.Single(seen["conversationDeleted"]);
        Assert.Equal(new[] { "alice", "bob" }, Strings(deleted.GetProperty("participantIds")));
        Assert.Equal("alice", deleted.GetProperty("deletedBy").GetString());
    }

    private static void AssertMatches(string type, Dictionary<string, string> schema, JsonElement data)
    {
        Assert.Equal(JsonValueKind.Object, data.ValueKind);
        foreach (JsonProperty property in data.EnumerateObject())
        {
            Assert.True(schema.ContainsKey(property.Name), $"{type}.{property.Name} is published but not documented in README.md.");
        }
        foreach ((string field, string declared) in schema)
        {
            string[] parts = declared.Split(',', StringSplitOptions.TrimEntries);
            bool optional = parts.Contains("optional");
            if (!data.TryGetProperty(field, out JsonElement value))
            {
                Assert.True(optional, $"{type}.{field} is documented as always present but was not published.");
                continue;
            }
            AssertKind(parts[0], value, $"{type}.{field}");
        }
    }

    private static void AssertKind(string kind, JsonElement value, string where)
    {
        Assert.NotEqual(JsonValueKind.Null, value.ValueKind); // absent rather than null
        switch (kind)
        {
            case "string":
                Assert.Equal(JsonValueKind.String, value.ValueKind);
                break;
            case "time":
                Assert.Matches(Time(), value.GetString() ?? string.Empty);
                break;
            case "number":
                Assert.Equal(JsonValueKind.Number, value.ValueKind);
                break;
            case "boolean":
                Assert.True(value.ValueKind is JsonValueKind.True or JsonValueKind.False, $"{where} is not a boolean.");
                break;
            case "object":
                Assert.Equal(JsonValueKind.Object, value.ValueKind);
                break;
            case "string[]" or "object[]":
                Assert.Equal(JsonValueKind.Array, value.ValueKind);
                JsonValueKind items = kind == "string[]" ? JsonValueKind.String : JsonValueKind.Object;
                Assert.All(value.EnumerateArray(), item => Assert.Equal(items, item.ValueKind));
                break;
            default:
                Assert.Fail($"{where}: README.md documents an unknown type '{kind}'.");
                break;
        }
    }

    /// <summary>README.md's "Events for downstream consumers": the envelope's fields and, per event type, its data fields with their types.</summary>
    private static (Dictionary<string, string> Envelope, Dictionary<string, Dictionary<string, string>> Types) DocumentedSchemas()
    {
        string root = RepositoryRoot.Find(AppContext.BaseDirectory) ?? throw new InvalidOperationException("Messaging.sln not found above the test folder.");
        string readme = File.ReadAllText(Path.Combine(root, "README.md")).ReplaceLineEndings("\n");
        int start = readme.IndexOf("\n## Events for downstream consumers\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no 'Events for downstream consumers' section.");
        int end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        string section = readme[start..end];
        int typesAt = section.IndexOf("\n### Event types\n", StringComparison.Ordinal);

        Dictionary<string, string> envelope = Table(section[..typesAt]);
        var types = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        string[] blocks = section[typesAt..].Split("\n#### ");
        foreach (string block in blocks.Skip(1))
        {
            string name = block[..block.IndexOf('\n', StringComparison.Ordinal)].Trim('`', ' ');
            types.Add(name, Table(block));
        }
        Assert.NotEmpty(types);
        return (envelope, types);
    }

    /// <summary>The first table's rows, <c>| `field` | type | meaning |</c>, as field → type.</summary>
    private static Dictionary<string, string> Table(string text)
    {
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match row in TableRow().Matches(text))
        {
            rows.Add(row.Groups["field"].Value, row.Groups["type"].Value.Trim());
        }
        Assert.NotEmpty(rows);
        return rows;
    }

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    private sealed record Listed(string Id, string? Title);

    private static async Task<Listed[]> ConversationsAsync(ApiClient api, string user) =>
        [.. (await api.PostAsync("_getConversationsForUser", new { user })).Json.EnumerateArray()
            .Select(c => new Listed(c.GetProperty("_id").GetString()!, c.TryGetProperty("title", out JsonElement t) ? t.GetString() : null))];

    [GeneratedRegex(@"^\| `(?<field>[a-zA-Z]+)` \| (?<type>[a-z\[\], ]+) \|", RegexOptions.Multiline)]
    private static partial Regex TableRow();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z\z")]
    private static partial Regex Time();
}
