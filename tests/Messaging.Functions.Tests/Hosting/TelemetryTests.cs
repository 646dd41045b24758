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

        Activity request = await Eventually.ReturnsAsync(() => Snapshot(spans).SingleOrDefault(
            s => s.Kind == ActivityKind.Server && (s.GetTagItem("http.route") as string) == "/api/Messaging/sendMessage"));
        List<Activity> trace = Snapshot(spans).Where(s => s.TraceId == request.TraceId).ToList();
        Assert.Contains(trace, s => s.Source.Name == MessagingDiagnostics.Name && s.DisplayName == "publish MessageSent");
        Assert.Contains(trace, s => s.Source.Name == MessagingDiagnostics.Name && s.DisplayName == "fan-out MessageSent");
        // The Azure SDK's own spans: the header read, the batch, the inbox writes and the outbox delete.
        Assert.True(trace.Count(s => s.Source.Name.StartsWith("Azure.", StringComparison.Ordinal)) >= 3,
            string.Join(", ", trace.Select(s => $"{s.Source.Name}:{s.DisplayName}")));
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
