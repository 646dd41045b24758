using System.Text;
using System.Text.Json;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;

namespace Messaging.Functions.Tests.Http;

/// <summary>
/// Thousands of generated requests to every endpoint: never a 5xx, and the store ends up holding exactly
/// what the accepted requests created.
/// </summary>
public class FuzzTests(AzuriteFixture azurite)
{
    private const int Requests = 4000;

    private static readonly (string Action, string[] Fields)[] Endpoints =
    [
        ("createConversation", ["user1", "user2"]),
        ("sendMessage", ["conversationId", "sender", "content", "clientMessageId", "type", "payload", "attachments", "replyTo"]),
        ("editMessage", ["messageId", "user", "content"]),
        ("deleteMessage", ["messageId", "user"]),
        ("_getMessageEdits", ["messageId"]),
        ("_getConversation", ["conversationId"]),
        ("_getMessagesInConversation", ["conversationId", "user", "limit", "before", "after", "page"]),
        ("_searchMessages", ["user", "query", "conversationId", "limit", "before"]),
        ("_getConversationsForUser", ["user"]),
        ("_getAllConversations", []),
        ("_getMessageDetails", ["messageId", "user"]),
        ("_getAllMessages", []),
        ("markRead", ["conversationId", "user", "messageId"]),
        ("_getUnreadCounts", ["user"]),
        ("_getUnreadTotal", ["user", "excludeMuted"]),
        ("_sync", ["user", "since", "limit"]),
        ("_getReadReceipts", ["conversationId"]),
        ("markDelivered", ["conversationId", "user", "messageId"]),
        ("_getMessageReceipts", ["messageId"]),
        ("typing", ["conversationId", "user", "isTyping"]),
        ("createGroupConversation", ["creator", "title", "members", "category"]),
        ("addMembers", ["conversationId", "actor", "members"]),
        ("removeMembers", ["conversationId", "actor", "members"]),
        ("setMemberRole", ["conversationId", "actor", "member", "role"]),
        ("updateConversation", ["conversationId", "actor", "title"]),
        ("_getMembers", ["conversationId"]),
        ("sendDirectMessage", ["sender", "to", "content", "clientMessageId"]),
        ("_getDirectConversation", ["user", "other"]),
        ("addReaction", ["messageId", "user", "emoji"]),
        ("removeReaction", ["messageId", "user", "emoji"]),
        ("setPresence", ["user", "status"]),
        ("_getPresence", ["user", "users"]),
    ];

    [Fact]
    public async Task Endpoints_GeneratedInput_NoServerErrorAndOnlyAcceptedWritesStored()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string conversation = await api.CreateConversationAsync("alice", "bob");
        string message = (await api.SendAsync(conversation, "alice", "seed")).GetProperty("_id").GetString()!;
        string group = (await api.PostAsync("createGroupConversation", new { creator = "alice", title = "seed", members = new[] { "bob", "carol" } }))
            .Json.GetProperty("conversationId").GetString()!;
        var fuzz = new InputGenerator(new Random(20261122), [conversation, group], message);
        var createdConversations = new HashSet<string> { conversation, group };
        var storedMessages = new HashSet<string> { message };

        for (int i = 0; i < Requests; i++)
        {
            (string action, string[] fields) = Endpoints[fuzz.Next(Endpoints.Length)];
            byte[] body = fuzz.Body(fields);
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(fuzz.Next(4) == 0 ? "text/plain" : "application/json");
            HttpResponseMessage response = await api.Http.PostAsync($"/api/Messaging/{action}", content, TestContext.Current.CancellationToken);
            string text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

            string sent = Encoding.UTF8.GetString(body);
            Assert.True((int)response.StatusCode < 500, $"#{i} {action} {sent[..Math.Min(300, sent.Length)]} -> {(int)response.StatusCode} {text}");
            using JsonDocument json = JsonDocument.Parse(text);
            if (!response.IsSuccessStatusCode)
            {
                Assert.True(json.RootElement.TryGetProperty("error", out _), $"#{i} {action}: error body without 'error': {text}");
            }
            else if (action is "createConversation" or "createGroupConversation")
            {
                createdConversations.Add(json.RootElement.GetProperty("conversationId").GetString()!);
            }
            else if (action is "sendMessage" or "sendDirectMessage")
            {
                createdConversations.Add(json.RootElement.GetProperty("message").GetProperty("conversationId").GetString()!);
                storedMessages.Add(json.RootElement.GetProperty("message").GetProperty("_id").GetString()!);
            }
        }

        ApiResponse conversations = await api.PostAsync("_getAllConversations");
        ApiResponse messages = await api.PostAsync("_getAllMessages");
        Assert.Equal(createdConversations.Order(StringComparer.Ordinal), conversations.Json.EnumerateArray().Select(c => c.GetProperty("_id").GetString()!).Order(StringComparer.Ordinal));
        // Group changes add system messages, checked by their own tests; here only users' messages are accounted for.
        Assert.Equal(storedMessages.Order(StringComparer.Ordinal), messages.Json.EnumerateArray()
            .Where(m => !(m.TryGetProperty("type", out JsonElement type) && type.GetString() == "system")).Select(m => m.GetProperty("_id").GetString()!).Order(StringComparer.Ordinal));
    }

    /// <summary>Bodies from plausible to hostile: broken JSON, wrong types, huge, odd and deep values, missing and extra fields.</summary>
    private sealed class InputGenerator(Random random, string[] conversationIds, string messageId)
    {
        private static readonly string[] Words =
        [
            "alice", "bob", "", " ", "\t", "null", "0", "-1", "🙂", "用户", "a/b\\c#d?e", "%00", "'", "\"", "\\", "~7F",
            "\u0000", "\u0001", "\u007f", "\u0085", "\u200b", "\ufeff", "\ud83d\ude00", "' or 1 eq 1 or '", "PartitionKey eq 'x'",
            "<script>", "../../etc", "${jndi:x}", "💥💥💥",
        ];

        public int Next(int max) => random.Next(max);

        public byte[] Body(string[] fields)
        {
            switch (random.Next(12))
            {
                case 0:
                    var bytes = new byte[random.Next(0, 64)];
                    random.NextBytes(bytes);
                    return bytes;
                case 1:
                    string whole = Json(fields);
                    return Encoding.UTF8.GetBytes(whole[..random.Next(whole.Length)]);
                case 2:
                    return Encoding.UTF8.GetBytes(new string('[', random.Next(10, 200)) + new string(']', random.Next(0, 200)));
                case 3:
                    return Encoding.UTF8.GetBytes(random.Next(3) switch { 0 => "[]", 1 => "\"text\"", _ => "42" });
                default:
                    return Encoding.UTF8.GetBytes(Json(fields));
            }
        }

        private string Json(string[] fields)
        {
            var properties = new List<string>();
            foreach (string field in fields)
            {
                if (random.Next(6) != 0)
                {
                    properties.Add($"{JsonSerializer.Serialize(field)}:{Value(field)}");
                }
            }
            for (int i = random.Next(3); i > 0; i--)
            {
                properties.Add($"{JsonSerializer.Serialize(Word() + random.Next(100))}:{Value("extra")}");
            }
            return "{" + string.Join(",", properties.OrderBy(_ => random.Next())) + "}";
        }

        private string Value(string field) => random.Next(14) switch
        {
            0 => "null",
            1 => random.Next(-1000, 1000).ToString(System.Globalization.CultureInfo.InvariantCulture),
            2 => "true",
            3 => "[" + Value(field) + "]",
            4 => "{\"x\":" + Value(field) + "}",
            5 => JsonSerializer.Serialize(new string((char)random.Next(32, 0xD7FF), random.Next(1, 40_000))),
            6 => "\"\\ud800\"",
            7 => "1e400",
            _ => JsonSerializer.Serialize<object>(field switch
            {
                "conversationId" when random.Next(2) == 0 => conversationIds[random.Next(conversationIds.Length)],
                "messageId" when random.Next(2) == 0 => random.Next(2) == 0 ? messageId : conversationIds[0] + "-" + random.Next(-5, 5),
                "sender" or "user1" or "user2" or "user" or "actor" or "creator" or "member" or "to" or "other" when random.Next(2) == 0 =>
                    random.Next(4) switch { 0 => "alice", 1 => "bob", 2 => "carol", _ => "dave" },
                "members" when random.Next(2) == 0 => (object)Enumerable.Range(0, random.Next(0, 4)).Select(_ => random.Next(2) == 0 ? Word() : "dave").ToArray(),
                "role" when random.Next(2) == 0 => random.Next(2) == 0 ? "admin" : "member",
                "isTyping" when random.Next(2) == 0 => (object)(random.Next(2) == 0),
                "replyTo" when random.Next(2) == 0 => messageId,
                "type" when random.Next(2) == 0 => random.Next(3) switch { 0 => "image", 1 => "system", _ => "Bad Type" },
                "payload" when random.Next(2) == 0 => new Dictionary<string, object> { ["k"] = Word(), ["n"] = random.Next() },
                "attachments" when random.Next(2) == 0 => (object)Enumerable.Range(0, random.Next(0, 12))
                    .Select(_ => new { url = random.Next(3) == 0 ? "http://x.test/a" : "https://x.test/" + Word(), name = Word(), size = random.Next(-2, 100) }).ToArray(),
                "users" when random.Next(2) == 0 => (object)Enumerable.Range(0, random.Next(0, 120)).Select(_ => random.Next(2) == 0 ? Word() : "alice").ToArray(),
                "status" when random.Next(2) == 0 => random.Next(3) switch { 0 => "online", 1 => "away", _ => "offline" },
                "emoji" when random.Next(2) == 0 => random.Next(3) switch { 0 => "👍", 1 => "❤️", _ => "🇫🇷" },
                _ => string.Concat(Enumerable.Range(0, random.Next(1, 4)).Select(_ => Word())),
            }),
        };

        private string Word() => Words[random.Next(Words.Length)];
    }
}
