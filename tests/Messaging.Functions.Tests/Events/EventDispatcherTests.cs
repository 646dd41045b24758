using System.Net;
using Azure.Data.Tables;
using Messaging.Core.Messages;
using Messaging.Core.Realtime;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Messaging.Functions.Tests.Events;

/// <summary>A write answers once it commits; its local fan-out follows in the background, in order per conversation.</summary>
public class EventDispatcherTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task SendMessage_FanOutHeldUp_AnswersAtOnceAndTheInboxFollows()
    {
        var notifier = new GatedNotifier();
        await using var app = new MessagingApp(azurite, configureServices: services => services.Replace(ServiceDescriptor.Singleton<IRealtimeNotifier>(notifier)));
        using ApiClient setup = app.Api();
        string id = await setup.CreateConversationAsync("alice", "bob");
        // A plain client: it does not wait for the fan-out.
        using var api = new ApiClient(app.CreateClient());
        notifier.Close();

        Task<ApiResponse> send = api.PostAsync("sendMessage", new { conversationId = id, sender = "alice", content = "hi" });
        Task first = await Task.WhenAny(send, Task.Delay(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));

        Assert.Same(send, first); // answered while its fan-out is stuck in the notifier
        (await send).AssertStatus(HttpStatusCode.OK);
        var table = new TableClient(azurite.ConnectionString, app.TableName);
        Assert.Equal(1, await OutboxRowsAsync(table)); // not completed yet: the outbox still holds the event
        // The inbox write came before the stuck push; the unread count follows the send.
        await Eventually.TrueAsync(async () => (await api.PostAsync("_getUnreadCounts", new { user = "bob" })).Json[0].GetProperty("unreadCount").GetInt64() == 1);
        notifier.Open();
        await Eventually.TrueAsync(async () => await OutboxRowsAsync(table) == 0);
    }

    [Fact]
    public async Task RacingSends_OneConversation_NotifiedInSequenceOrder()
    {
        var notifier = new GatedNotifier { Jitter = true }; // uneven fan-out times would reorder any lane-less dispatch
        await using var app = new MessagingApp(azurite, configureServices: services => services.Replace(ServiceDescriptor.Singleton<IRealtimeNotifier>(notifier)));
        using ApiClient api = app.Api();
        string[][] pairs = [["alice", "bob"], ["carol", "dave"]];
        string[] ids = [await api.CreateConversationAsync("alice", "bob"), await api.CreateConversationAsync("carol", "dave")];

        // Twenty racing sends into each conversation, from both of its participants.
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => api.SendAsync(ids[i % 2], pairs[i % 2][i / 2 % 2], $"m{i}")));
        await app.SettledAsync();

        for (int c = 0; c < 2; c++)
        {
            long[] pushed = [.. notifier.Pushed
                .Where(n => n.Target == RealtimeEvents.NewMessage && n.UserId == pairs[c][0])
                .Select(n => (Message)n.Payload)
                .Where(m => m.ConversationId == ids[c])
                .Select(m => m.Seq)];
            Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), pushed);
        }
    }

    private static async Task<int> OutboxRowsAsync(TableClient table)
    {
        int count = 0;
        await foreach (TableEntity _ in table.QueryAsync<TableEntity>("RowKey ge 'out_' and RowKey lt 'out`'", cancellationToken: TestContext.Current.CancellationToken))
        {
            count++;
        }
        return count;
    }

    /// <summary>Records every push; while closed, pushes wait, which holds up the fan-out that makes them.</summary>
    private sealed class GatedNotifier : IRealtimeNotifier
    {
        private readonly Lock _gate = new();
        private TaskCompletionSource _open = Opened();
        private readonly List<Notification> _pushed = [];

        /// <summary>Each push takes a random few milliseconds.</summary>
        public bool Jitter { get; init; }

        public IReadOnlyList<Notification> Pushed
        {
            get
            {
                lock (_gate)
                {
                    return [.. _pushed];
                }
            }
        }

        public void Close()
        {
            lock (_gate)
            {
                _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        public void Open()
        {
            lock (_gate)
            {
                _open.TrySetResult();
            }
        }

        public async Task NotifyAsync(IReadOnlyList<Notification> notifications, CancellationToken cancellationToken)
        {
            Task open;
            lock (_gate)
            {
                open = _open.Task;
            }
            await open.WaitAsync(cancellationToken);
            if (Jitter)
            {
                await Task.Delay(Random.Shared.Next(0, 6), cancellationToken);
            }
            lock (_gate)
            {
                _pushed.AddRange(notifications);
            }
        }

        private static TaskCompletionSource Opened()
        {
            var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            open.SetResult();
            return open;
        }
    }
}
