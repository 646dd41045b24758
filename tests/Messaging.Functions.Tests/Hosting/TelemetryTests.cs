using System.Collections.ObjectModel;
using System.Diagnostics;
using Messaging.Core.Diagnostics;
using Messaging.Functions.Hosting;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;
using OpenTelemetry.Trace;

namespace Messaging.Functions.Tests.Hosting;

public class TelemetryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task SendMessage_Traced_RequestStorageCallsPublishAndFanOutInOneTrace()
    {
        var spans = new SpanList();
        await using var app = new MessagingApp(azurite, configureServices: services => services
            .AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddMessagingInstrumentation().AddInMemoryExporter(spans)));
        using ApiClient api = app.Api();
        string conversationId = await api.CreateConversationAsync("alice", "bob");

        await api.SendAsync(conversationId, "alice", "traced");

        // The ASP.NET Core and Azure SDK sources are process-wide, so other tests' requests show up too: find the
        // sendMessage trace that holds everything one send does.
        List<Activity>? trace = await Eventually.ReturnsAsync(() => Snapshot(spans)
            .Where(s => s.Kind == ActivityKind.Server && (s.GetTagItem("http.route") as string) == "/api/Messaging/sendMessage")
            .Select(request => Snapshot(spans).Where(s => s.TraceId == request.TraceId).ToList())
            .FirstOrDefault(trace => IsCompleteSend(trace, conversationId)));
        Assert.NotNull(trace);
    }

    [Theory]
    [InlineData(null, null, false)]
    [InlineData(Telemetry.AzureMonitorSetting, "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/", true)]
    [InlineData(Telemetry.OtlpSetting, "http://127.0.0.1:9", true)]
    public async Task Exporters_ChosenBySettings_OnlyWhenConfigured(string? setting, string? value, bool exported)
    {
        // As host settings: Program reads them while building the app, before the test's app configuration applies.
        await using var app = new MessagingApp(azurite, configureHost: host =>
        {
            if (setting is not null)
            {
                host.UseSetting(setting, value);
            }
        });
        using ApiClient api = app.Api(); // starts the app

        Assert.Equal(exported, app.Services.GetService<TracerProvider>() is not null);
    }

    /// <summary>Publish and fan-out spans, and the Azure SDK's own: the header read, the batch, the inbox writes, the outbox delete.</summary>
    private static bool IsCompleteSend(List<Activity> trace, string conversationId) =>
        trace.Any(s => s.Source.Name == MessagingDiagnostics.Name && s.DisplayName == "publish MessageSent")
        && trace.Any(s => s.Source.Name == MessagingDiagnostics.Name && s.DisplayName == "fan-out MessageSent"
            && (s.GetTagItem("messaging.conversation.id") as string) == conversationId)
        && trace.Count(s => s.Source.Name.StartsWith("Azure.", StringComparison.Ordinal)) >= 3;

    private static List<Activity> Snapshot(SpanList spans)
    {
        lock (spans)
        {
            return [.. spans];
        }
    }

    /// <summary>The exporter adds from the threads that end spans; readers take a snapshot under the same lock.</summary>
    private sealed class SpanList : Collection<Activity>
    {
        protected override void InsertItem(int index, Activity item)
        {
            lock (this)
            {
                base.InsertItem(index, item);
            }
        }
    }
}
