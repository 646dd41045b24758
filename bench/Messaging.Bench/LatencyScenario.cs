using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR.Client;

namespace Messaging.Bench;

/// <summary>
/// Send to receive over SignalR: the recipient connects as a real client does (POST /api/negotiate, then the hub it
/// names), and each of 200 sequential sends is timed from just before its POST to the recipient's newMessage.
/// </summary>
internal sealed class LatencyScenario : IScenario
{
    private const string PrincipalHeader = "x-ms-client-principal-id"; // names the user while authentication is off
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(10);

    public string Name => "latency";

    public string Description => "sendMessage to the recipient's newMessage over SignalR, 200 sequential sends";

    public async Task<ScenarioResult> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        int sends = context.Size(200, 20);
        string sender = $"{context.RunId}-sender", recipient = $"{context.RunId}-recipient";
        string id = await context.Api.CreateConversationAsync(sender, recipient, cancellationToken);

        var pending = new ConcurrentDictionary<string, TaskCompletionSource<long>>(StringComparer.Ordinal);
        await using HubConnection connection = new HubConnectionBuilder()
            .WithUrl(new Uri(context.App.BaseAddress, "/api"), options => options.Headers[PrincipalHeader] = recipient)
            .Build();
        connection.On<JsonElement>("newMessage", message =>
        {
            long arrived = Stopwatch.GetTimestamp();
            if (message.TryGetProperty("content", out JsonElement content) && content.GetString() is { } key && pending.TryRemove(key, out var arrival))
            {
                arrival.TrySetResult(arrived);
            }
        });
        await connection.StartAsync(cancellationToken);

        int counter = 0;
        async Task<(double Ms, string? Error)> SendOnceAsync()
        {
            string content = Api.Content($"latency {context.RunId} {Interlocked.Increment(ref counter)}", 100);
            var arrival = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            pending[content] = arrival;
            byte[] body = Api.Body(new JsonObject { ["conversationId"] = id, ["sender"] = sender, ["content"] = content });
            long start = Stopwatch.GetTimestamp();
            int status = await context.Api.PostAsync("sendMessage", body, cancellationToken);
            if (status is < 200 or >= 300)
            {
                pending.TryRemove(content, out _);
                return (0, $"HTTP {status}");
            }
            try
            {
                long arrived = await arrival.Task.WaitAsync(DeliveryTimeout, cancellationToken);
                return (Stopwatch.GetElapsedTime(start, arrived).TotalMilliseconds, null);
            }
            catch (TimeoutException)
            {
                pending.TryRemove(content, out _);
                return (0, $"no newMessage within {DeliveryTimeout.TotalSeconds} s");
            }
        }

        for (int i = 0; i < context.Size(10, 3); i++)
        {
            await SendOnceAsync(); // warm-up: connection, JIT, storage
        }

        Measurement measurement = await Measurement.BeginAsync(context, cancellationToken);
        var elapsed = Stopwatch.StartNew();
        var latencies = new List<double>();
        long errors = 0;
        string? firstError = null;
        for (int i = 0; i < sends; i++)
        {
            (double ms, string? error) = await SendOnceAsync();
            if (error is null)
            {
                latencies.Add(ms);
            }
            else
            {
                errors++;
                firstError ??= "first error: " + error;
            }
        }
        elapsed.Stop();
        (double cpu, double storage, double entities) = await measurement.EndAsync(sends, cancellationToken);
        (double? p50, double? p90, double? p99) = Percentiles.Of(latencies);
        return new ScenarioResult(Name, Description, true, null, sends, errors, sends / elapsed.Elapsed.TotalSeconds, p50, p90, p99, cpu, storage, entities, firstError);
    }
}
