using System.Text.Json;
using System.Threading.Channels;
using Messaging.Functions.Realtime;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Messaging.Functions.Tests.Infrastructure;

/// <summary>
/// A user's real SignalR connection to the app's hub (negotiate, then long polling through the test server), collecting
/// one event, each argument mapped as the test wants to compare it.
/// </summary>
internal sealed class HubListener<T> : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly Channel<T> _events = Channel.CreateUnbounded<T>();

    private HubListener(HubConnection connection, string eventName, Func<JsonElement, T> map)
    {
        _connection = connection;
        _connection.On<JsonElement>(eventName, argument => _events.Writer.TryWrite(map(argument)));
    }

    public static async Task<HubListener<T>> ConnectAsync(MessagingApp app, string user, string eventName, Func<JsonElement, T> map)
    {
        HubConnection connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, "api"), options =>
            {
                options.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                options.Transports = HttpTransportType.LongPolling;
                options.Headers[NegotiateEndpoints.PrincipalHeader] = user; // who the connection is, with authentication off
            })
            .Build();
        var listener = new HubListener<T>(connection, eventName, map);
        await connection.StartAsync(TestContext.Current.CancellationToken);
        return listener;
    }

    /// <summary>The next event, failing after 10 s.</summary>
    public async Task<T> NextAsync() =>
        await _events.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

    /// <summary>Fails if an event arrives within <paramref name="wait"/> (what should reach nobody).</summary>
    public async Task AssertNothingWithinAsync(TimeSpan wait)
    {
        await Task.Delay(wait, TestContext.Current.CancellationToken);
        Assert.False(_events.Reader.TryRead(out T? unexpected), $"Unexpected event: {unexpected}");
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
