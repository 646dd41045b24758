using System.Text.Json.Nodes;

namespace Messaging.Bench;

/// <summary>A benchmark scenario: its own setup (not measured), then its measurement.</summary>
internal interface IScenario
{
    string Name { get; }

    string Description { get; }

    Task<ScenarioResult> RunAsync(BenchContext context, CancellationToken cancellationToken);
}

/// <summary>Every scenario, in report order. A feature that lands replaces its <see cref="NotAvailable"/> row here.</summary>
internal static class Scenarios
{
    public static IReadOnlyList<IScenario> All { get; } =
    [
        new SendScenario(),
        new HistoryScenario(),
        new InboxScenario(),
        new GroupSendScenario("group-send-50", 50, 10),
        new GroupSendScenario("group-send-1000", 1_000, 100),
        new SearchScenario(),
        new LatencyScenario(),
        new ColdStartScenario(),
    ];
}

/// <summary>A row that says what is missing, so the scenario shows in every report until its feature lands.</summary>
internal sealed class NotAvailable(string name, string description, string reason) : IScenario
{
    public string Name => name;

    public string Description => description;

    public Task<ScenarioResult> RunAsync(BenchContext context, CancellationToken cancellationToken) =>
        Task.FromResult(ScenarioResult.NotAvailable(name, description, reason));
}

/// <summary>sendMessage into a random one of 50 conversations between random users, as one of its participants.</summary>
internal sealed class SendScenario : IScenario
{
    public string Name => "send";

    public string Description => "sendMessage (100 characters) into a random one of 50 conversations";

    public async Task<ScenarioResult> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        int conversations = context.Size(50, 10);
        string[] users = [.. Enumerable.Range(0, Math.Max(4, conversations)).Select(i => $"{context.RunId}-u{i}")];
        var pairs = new HashSet<(string, string)>();
        while (pairs.Count < conversations)
        {
            string a = users[Random.Shared.Next(users.Length)], b = users[Random.Shared.Next(users.Length)];
            if (a != b)
            {
                pairs.Add(string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a));
            }
        }
        var created = new List<(string Id, string[] Users)>();
        await Api.ForEachAsync(pairs, 8, async (pair, ct) =>
        {
            string id = await context.Api.CreateConversationAsync(pair.Item1, pair.Item2, ct);
            lock (created)
            {
                created.Add((id, [pair.Item1, pair.Item2]));
            }
        }, cancellationToken);

        long sent = 0;
        return await ClosedLoop.RunAsync(context, Name, Description, ct =>
        {
            (string id, string[] participants) = created[Random.Shared.Next(created.Count)];
            byte[] body = Api.Body(new JsonObject
            {
                ["conversationId"] = id,
                ["sender"] = participants[Random.Shared.Next(2)],
                ["content"] = Api.Content($"load message {Interlocked.Increment(ref sent)}", 100),
            });
            return context.Api.PostAsync("sendMessage", body, ct);
        }, cancellationToken);
    }
}

/// <summary>_getMessagesInConversation of one conversation with 50 messages.</summary>
internal sealed class HistoryScenario : IScenario
{
    public string Name => "history";

    public string Description => "_getMessagesInConversation of a conversation with 50 messages";

    public async Task<ScenarioResult> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        int messages = context.Size(50, 10);
        string a = $"{context.RunId}-h1", b = $"{context.RunId}-h2";
        string id = await context.Api.CreateConversationAsync(a, b, cancellationToken);
        for (int i = 0; i < messages; i++)
        {
            await context.Api.MustAsync("sendMessage", new JsonObject
            {
                ["conversationId"] = id,
                ["sender"] = i % 2 == 0 ? a : b,
                ["content"] = Api.Content($"history {i}", 100),
            }, cancellationToken);
        }
        JsonNode history = await context.Api.MustAsync("_getMessagesInConversation", new JsonObject { ["conversationId"] = id }, cancellationToken);
        if (history.AsArray().Count != messages)
        {
            throw new InvalidOperationException($"setup: the history has {history.AsArray().Count} messages, expected {messages}");
        }
        byte[] body = Api.Body(new JsonObject { ["conversationId"] = id });
        return await ClosedLoop.RunAsync(context, Name, Description, ct => context.Api.PostAsync("_getMessagesInConversation", body, ct), cancellationToken);
    }
}

/// <summary>_getConversationsForUser of a user with 200 conversations.</summary>
internal sealed class InboxScenario : IScenario
{
    public string Name => "inbox";

    public string Description => "_getConversationsForUser of a user with 200 conversations";

    public async Task<ScenarioResult> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        int conversations = context.Size(200, 20);
        string user = $"{context.RunId}-inbox";
        await Api.ForEachAsync(Enumerable.Range(0, conversations), 8, async (i, ct) =>
            await context.Api.CreateConversationAsync(user, $"{context.RunId}-f{i}", ct), cancellationToken);
        // Inbox rows follow each creation within milliseconds (the fan-out runs after the response): wait for them.
        int found = 0;
        for (int attempt = 0; attempt < 100 && found != conversations; attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(50, cancellationToken);
            }
            found = (await context.Api.MustAsync("_getConversationsForUser", new JsonObject { ["user"] = user }, cancellationToken)).AsArray().Count;
        }
        if (found != conversations)
        {
            throw new InvalidOperationException($"setup: the inbox has {found} conversations, expected {conversations}");
        }
        byte[] body = Api.Body(new JsonObject { ["user"] = user });
        return await ClosedLoop.RunAsync(context, Name, Description, ct => context.Api.PostAsync("_getConversationsForUser", body, ct), cancellationToken);
    }
}
