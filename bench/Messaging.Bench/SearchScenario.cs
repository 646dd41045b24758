using System.Diagnostics;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Messaging.Core.Conversations;
using Messaging.Core.Messages;
using Messaging.Storage.Conversations;
using Messaging.Storage.Layout;
using Messaging.Storage.Messages;
using Messaging.Storage.Search;

namespace Messaging.Bench;

/// <summary>
/// _searchMessages of a user with 200 conversations of <see cref="BenchOptions.SearchMessages"/> messages each (8 words from a
/// 1,000-word vocabulary), on an app and a table of its own. The conversations are created through the API; their messages and index rows are written
/// straight into storage with the app's own row mapping (sending 100,000 messages through the API would take far longer
/// than the measurement).
/// </summary>
internal sealed class SearchScenario : IScenario
{
    private const int WordsPerMessage = 8;

    private static readonly string[] Syllables = ["ka", "lo", "mi", "ne", "ru", "ta", "vo", "zi", "be", "do"];

    public string Name => "search";

    public string Description => "_searchMessages of a user with 200 conversations (the 100 most recent searched)";

    public async Task<ScenarioResult> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        int conversations = context.Size(200, 3), messages = context.Size(context.Options.SearchMessages, 10);
        string table = "search" + context.RunId;
        await using AppUnderTest app = AppUnderTest.Start(context.AppDll, context.StorageConnectionString, table);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue })
        {
            BaseAddress = app.BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
        await app.WaitUntilHealthyAsync(http, Stopwatch.StartNew(), TimeSpan.FromSeconds(60), cancellationToken);
        await using StorageCounters counters = StorageCounters.Attach(app.ProcessId);
        var api = new Api(http);
        // One client: a search across conversations is already up to 100 queries, 16 in flight, and Azurite answers one
        // query at a time, scanning the whole table for each; 16 clients only queue (past any timeout) behind each other.
        // A search takes seconds here, so the window is at least three minutes long, for more than a handful of them.
        TimeSpan measured = context.Options.Smoke ? context.Options.Duration : TimeSpan.FromSeconds(Math.Max(180, context.Options.Duration.TotalSeconds));
        var search = new BenchContext(context.Options with { Concurrency = 1, Duration = measured }, api, app, counters, context.AppDll, context.StorageConnectionString);

        string user = $"{context.RunId}-searcher";
        string[] vocabulary = [.. Syllables.SelectMany(a => Syllables.SelectMany(b => Syllables.Select(c => a + b + c)))];
        var ids = new List<string>();
        await Api.ForEachAsync(Enumerable.Range(0, conversations), 8, async (i, ct) =>
        {
            string id = await api.CreateConversationAsync(user, $"{context.RunId}-p{i}", ct);
            lock (ids)
            {
                ids.Add(id);
            }
        }, cancellationToken);
        var client = new TableClient(context.StorageConnectionString, table);
        var seeding = Stopwatch.StartNew();
        int seeded = 0;
        await Api.ForEachAsync(ids, 4, async (id, ct) =>
        {
            await SeedAsync(client, id, user, messages, vocabulary, ct);
            if (Interlocked.Increment(ref seeded) % 20 == 0)
            {
                Console.Error.WriteLine($"[bench] search: seeded {seeded} of {conversations} conversations ({seeding.Elapsed.TotalSeconds:F0} s)");
            }
        }, cancellationToken);
        Console.Error.WriteLine($"[bench] search: seeded {conversations * messages} messages in {seeding.Elapsed.TotalSeconds:F0} s");

        // Half whole words, a quarter 4-letter prefixes (ten words each), a quarter two words.
        byte[] Query(string? conversationId)
        {
            string Word() => vocabulary[Random.Shared.Next(vocabulary.Length)];
            string query = Random.Shared.Next(4) switch { 0 or 1 => Word(), 2 => Word()[..4], _ => Word() + " " + Word()[..3] };
            var body = new JsonObject { ["user"] = user, ["query"] = query };
            if (conversationId is not null)
            {
                body["conversationId"] = conversationId;
            }
            return Api.Body(body);
        }
        JsonNode probe = await api.MustAsync("_searchMessages", new JsonObject { ["user"] = user, ["query"] = vocabulary[0][..4], ["limit"] = 100 }, cancellationToken);
        if (probe.AsArray().Count == 0)
        {
            throw new InvalidOperationException("setup: a search of the seeded messages found nothing");
        }

        // One conversation at a time, sequentially: the cost of the scoped form (one query).
        var scoped = new List<double>();
        for (int i = 0; i < context.Size(200, 5); i++)
        {
            long start = Stopwatch.GetTimestamp();
            await api.PostAsync("_searchMessages", Query(ids[i % ids.Count]), cancellationToken);
            scoped.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        (double? scopedP50, _, double? scopedP99) = Percentiles.Of(scoped);

        // The idle app's own CPU (timers, the counters' session), which a window of few, long requests would charge to them.
        TimeSpan idleCpu = app.CpuTime;
        long idleStart = Stopwatch.GetTimestamp();
        await Task.Delay(context.Options.Smoke ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(20), cancellationToken);
        double idleCpuPerSecond = (app.CpuTime - idleCpu).TotalMilliseconds / Stopwatch.GetElapsedTime(idleStart).TotalSeconds;

        ScenarioResult result = await ClosedLoop.RunAsync(search, Name, $"_searchMessages of a user with {conversations} conversations of {messages} messages (the 100 most recent searched)", ct => api.PostAsync("_searchMessages", Query(null), ct), cancellationToken);
        await client.DeleteAsync(cancellationToken); // Azurite keeps tables in memory: the later scenarios should not carry this one
        double windowSeconds = result.Rps is > 0 ? result.Requests / result.Rps.Value : measured.TotalSeconds;
        return result with
        {
            CpuMsPerRequest = result.CpuMsPerRequest - (idleCpuPerSecond * windowSeconds / Math.Max(1, result.Requests)),
            Note = $"own app and table, 1 client; app CPU net of the idle app's {idleCpuPerSecond:F1} ms/s; "
                + $"within one conversation (conversationId): p50 {scopedP50:F1} ms, p99 {scopedP99:F1} ms",
        };
    }

    /// <summary>The conversation's messages, their index rows and its header, in batches of 100 rows.</summary>
    private static async Task SeedAsync(TableClient client, string id, string user, int messages, string[] vocabulary, CancellationToken cancellationToken)
    {
        TableEntity headerRow = (await client.GetEntityAsync<TableEntity>(id, TableLayout.HeaderRowKey, cancellationToken: cancellationToken)).Value;
        Conversation conversation = ConversationEntity.FromLiveHeader(headerRow) ?? throw new InvalidOperationException($"setup: no conversation {id}");
        DateTimeOffset start = TimeProvider.System.GetUtcNow().AddDays(-1);
        var rows = new List<TableEntity>();
        for (int i = 0; i < messages; i++)
        {
            // The first word of the first message is the vocabulary's first, which the setup's check searches for.
            string content = string.Join(' ', Enumerable.Range(0, WordsPerMessage).Select(w => vocabulary[i + w == 0 ? 0 : Random.Shared.Next(vocabulary.Length)]));
            (conversation, Message message) = conversation.Post(i % 2 == 0 ? user : conversation.Participants.First(p => p != user), content, start.AddSeconds(i));
            rows.Add(MessageEntity.Create(message));
            SearchRows.Indexed indexed = SearchRows.For(message);
            rows.Add(indexed.DocRow(id, message.Seq));
            rows.AddRange(indexed.Words.Select(word => indexed.WordRow(id, word)));
        }
        foreach (TableEntity[] batch in rows.Chunk(100))
        {
            await client.SubmitTransactionAsync(batch.Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row)), cancellationToken);
        }
        await client.UpdateEntityAsync(ConversationEntity.ToSequenceUpdate(conversation), Azure.ETag.All, TableUpdateMode.Merge, cancellationToken);
    }
}
