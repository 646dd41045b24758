using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Messaging.Bench;

/// <summary>
/// sendMessage into one group of <c>members</c> (creator included), where each message's fan-out writes one inbox row
/// per member after the answer. Each client's request is a send and the wait for its fan-out's completion, so the
/// figures cover delivery to every member, not just the answer; then, on the idle app, sequential sends are timed the
/// same way.
/// </summary>
/// <remarks>
/// The app runs as its own process, so the benchmark cannot see its dispatcher go idle. It watches the last member's
/// inbox instead (<c>_getConversationsForUser</c>): the fan-out issues the members' writes in list order, 32 at a time,
/// so the last member's row is among the last written, and a conversation's events are fanned out in order, so once it
/// shows a message every earlier message's fan-out is complete too. Each poll costs the app exactly one storage request
/// and one entity read, and some CPU (measured before the load, with the app otherwise idle): all three are taken out
/// of the per-message figures.
/// </remarks>
internal sealed class GroupSendScenario(string name, int members, int smokeMembers) : IScenario
{
    /// <summary>
    /// Clients at most: a conversation's fan-outs run one after another, so more senders into the one group only wait
    /// longer (and at 1,000 members the app's back-pressure would hold their answers past the HTTP timeout).
    /// </summary>
    private const int MaxClients = 4;

    public string Name => name;

    public string Description => string.Create(CultureInfo.InvariantCulture, $"sendMessage (100 characters) into a group of {members:N0} members, until its fan-out completes");

    public async Task<ScenarioResult> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        int size = context.Size(members, smokeMembers);
        // Every third id a GUID string, as identity providers issue them; the rest short, as in the other scenarios.
        string[] users = [.. Enumerable.Range(0, size).Select(i => i % 3 == 0
            ? Guid.NewGuid().ToString()
            : string.Create(CultureInfo.InvariantCulture, $"{context.RunId}-g{size}-{i}"))];
        JsonNode created = await context.Api.MustAsync("createGroupConversation", new JsonObject
        {
            ["creator"] = users[0],
            ["title"] = string.Create(CultureInfo.InvariantCulture, $"bench {size}"),
            ["members"] = new JsonArray([.. users[1..].Select(u => (JsonNode)u)]),
        }, cancellationToken);
        string id = created["conversationId"]!.GetValue<string>();
        var lastMember = new LastMember(context.Api, users[^1]);
        // The creation's fan-out (an inbox row per member) finishes before anything is measured.
        await lastMember.WaitForAsync(0, TimeSpan.FromMinutes(2), cancellationToken);

        BenchOptions options = context.Options;
        int clients = Math.Min(options.Concurrency, MaxClients);
        async Task<int> SendAndDeliverAsync(CancellationToken ct)
        {
            (int status, long seq) = await SendOneAsync(context.Api, id, users, ct);
            if (status is >= 200 and < 300)
            {
                await lastMember.SeenAsync(seq, TimeSpan.FromMinutes(1), ct);
            }
            return status;
        }

        // The watcher stops while the counters are read, so the window's polls are exactly those it counts.
        ClosedLoop.Window warmUp;
        await using (lastMember.Watch(cancellationToken))
        {
            warmUp = await ClosedLoop.RunWindowAsync(SendAndDeliverAsync, clients, options.WarmUp, cancellationToken);
        }
        Measurement measurement = await Measurement.BeginAsync(context, cancellationToken);
        var elapsed = Stopwatch.StartNew();
        ClosedLoop.Window window;
        int polls;
        await using (var watcher = lastMember.Watch(cancellationToken))
        {
            window = await ClosedLoop.RunWindowAsync(SendAndDeliverAsync, clients, options.Duration, cancellationToken);
            elapsed.Stop();
            await watcher.DisposeAsync();
            polls = watcher.Polls;
        }
        long requests = window.Latencies.Count;
        (double cpu, double storage, double entities) = await measurement.EndAsync(requests, cancellationToken);
        double pollsPerMessage = polls / (double)Math.Max(1, requests);

        // On the idle app: each send, then the wait until the last member's inbox shows it (polled every 2 ms).
        var idle = new List<double>();
        long probeErrors = 0;
        string? probeError = null;
        int probes = context.Size(members >= 1_000 ? 20 : 50, 3);
        for (int i = 0; i < probes; i++)
        {
            long start = Stopwatch.GetTimestamp();
            (int status, long seq) = await SendOneAsync(context.Api, id, users, cancellationToken);
            if (status is < 200 or >= 300)
            {
                probeErrors++;
                probeError ??= $"first error: HTTP {status}";
                continue;
            }
            await lastMember.WaitForAsync(seq, TimeSpan.FromMinutes(1), cancellationToken);
            idle.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        // What the watching costs the app alone, measured last, when the group's creation and load have long settled.
        double cpuPerPoll;
        await using (var watcher = lastMember.Watch(cancellationToken))
        {
            TimeSpan cpuBefore = context.App.CpuTime;
            await Task.Delay(2 * options.WarmUp, cancellationToken);
            cpuPerPoll = (context.App.CpuTime - cpuBefore).TotalMilliseconds / Math.Max(1, watcher.Polls);
        }
        (double? p50, double? p90, double? p99) = Percentiles.Of(window.Latencies);
        (double? idle50, _, double? idle99) = Percentiles.Of(idle);

        string note = string.Create(CultureInfo.InvariantCulture,
            $"{size:N0} members, {clients} clients; a request is a send and its fan-out to every member (the last member's inbox shows the message), so rps counts messages delivered and p50/p90/p99 are send to fan-out complete under that load. " +
            $"On the idle app, one send at a time ({idle.Count}): p50 {idle50:0.0} ms, p99 {idle99:0.0} ms. " +
            $"CPU and storage per message include its fan-out and leave out the watching ({pollsPerMessage:0.0} inbox polls per message at {cpuPerPoll:0.00} ms of CPU each).");
        string? error = window.FirstError ?? warmUp.FirstError ?? probeError;
        return new ScenarioResult(
            Name, Description, true, null, requests, window.Errors + warmUp.Errors + probeErrors, requests / elapsed.Elapsed.TotalSeconds,
            p50, p90, p99, cpu - (pollsPerMessage * cpuPerPoll), storage - pollsPerMessage, entities - pollsPerMessage,
            error is null ? note : error + ". " + note);
    }

    private static long _sent;

    private static async Task<(int Status, long Seq)> SendOneAsync(Api api, string id, string[] users, CancellationToken cancellationToken)
    {
        long n = Interlocked.Increment(ref _sent);
        byte[] body = Api.Body(new JsonObject
        {
            ["conversationId"] = id,
            ["sender"] = users[Random.Shared.Next(users.Length)],
            ["content"] = Api.Content(string.Create(CultureInfo.InvariantCulture, $"group message {n}"), 100),
        });
        (int status, string answer) = await api.PostReadAsync("sendMessage", body, cancellationToken);
        return status is >= 200 and < 300 ? (status, SeqOf(JsonNode.Parse(answer)?["message"]?["_id"]?.GetValue<string>())) : (status, 0);
    }

    /// <summary>A message id is <c>{conversationId}-{seq}</c>.</summary>
    private static long SeqOf(string? messageId) =>
        messageId is null ? 0 : long.Parse(messageId.AsSpan(messageId.LastIndexOf('-') + 1), NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>The group's last member's inbox entry: polled until it shows a message, or watched in the background.</summary>
    private sealed class LastMember(Api api, string user)
    {
        private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(2);

        /// <summary>Slower while watching under load, where the polls compete with the fan-out being measured.</summary>
        private static readonly TimeSpan WatchInterval = TimeSpan.FromMilliseconds(10);

        private readonly byte[] _body = Api.Body(new JsonObject { ["user"] = user });
        private long _seen = -1;

        /// <summary>Polls until the entry exists and its last message is at least the <paramref name="seq"/>-th.</summary>
        public async Task WaitForAsync(long seq, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var waited = Stopwatch.StartNew();
            while (await PollAsync(cancellationToken) < seq)
            {
                if (waited.Elapsed > timeout)
                {
                    throw new TimeoutException($"The group's fan-out did not reach its last member within {timeout.TotalSeconds:0} s.");
                }
                await Task.Delay(PollInterval, cancellationToken);
            }
        }

        /// <summary>Polls every <see cref="WatchInterval"/> until the handle is disposed, for <see cref="SeenAsync"/>.</summary>
        public Watcher Watch(CancellationToken cancellationToken) => new(this, cancellationToken);

        /// <summary>A background poll loop; disposing it stops it and waits for its last poll.</summary>
        public sealed class Watcher : IAsyncDisposable
        {
            private readonly CancellationTokenSource _stop;
            private readonly Task _loop;
            private int _polls;

            public Watcher(LastMember entry, CancellationToken cancellationToken)
            {
                _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                _loop = Task.Run(async () =>
                {
                    try
                    {
                        while (true)
                        {
                            long seen = await entry.PollAsync(_stop.Token);
                            Interlocked.Increment(ref _polls);
                            Volatile.Write(ref entry._seen, Math.Max(Volatile.Read(ref entry._seen), seen));
                            await Task.Delay(WatchInterval, _stop.Token);
                        }
                    }
                    catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                    {
                        // stopped
                    }
                }, CancellationToken.None);
            }

            /// <summary>Polls answered (a poll cancelled in flight may have reached the app: rare, and one request).</summary>
            public int Polls => Volatile.Read(ref _polls);

            public async ValueTask DisposeAsync()
            {
                if (!_stop.IsCancellationRequested)
                {
                    await _stop.CancelAsync();
                    await _loop;
                }
                _stop.Dispose();
            }
        }

        /// <summary>Until the watcher has seen the <paramref name="seq"/>-th message in the entry.</summary>
        public async Task SeenAsync(long seq, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var waited = Stopwatch.StartNew();
            while (Volatile.Read(ref _seen) < seq)
            {
                if (waited.Elapsed > timeout)
                {
                    throw new TimeoutException($"The group's fan-out did not reach its last member within {timeout.TotalSeconds:0} s.");
                }
                await Task.Delay(PollInterval, cancellationToken);
            }
        }

        /// <summary>The sequence number of the entry's last message; -1 without an entry, 0 without a message.</summary>
        private async Task<long> PollAsync(CancellationToken cancellationToken)
        {
            (int status, string answer) = await api.PostReadAsync("_getConversationsForUser", _body, cancellationToken);
            return status == 200 && JsonNode.Parse(answer) is JsonArray { Count: > 0 } entries
                ? SeqOf(entries[0]?["lastMessage"]?["_id"]?.GetValue<string>())
                : -1;
        }
    }
}
