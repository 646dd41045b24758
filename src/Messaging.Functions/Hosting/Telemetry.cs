using Azure.Monitor.OpenTelemetry.AspNetCore;
using Messaging.Core.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Messaging.Functions.Hosting;

/// <summary>
/// OpenTelemetry traces, metrics and logs: to Azure Monitor when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set,
/// to an OTLP collector when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, both when both are, and nowhere otherwise
/// (then nothing listens, so spans and measurements cost next to nothing).
/// </summary>
public static class Telemetry
{
    public const string AzureMonitorSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string OtlpSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The Azure SDKs emit their spans (one per storage or Service Bus call) only behind this switch.</summary>
    private const string AzureSdkActivitySwitch = "Azure.Experimental.EnableActivitySource";

    public static IServiceCollection AddMessagingTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<MessagingMetrics>();
        bool azureMonitor = !string.IsNullOrWhiteSpace(configuration[AzureMonitorSetting]);
        bool otlp = !string.IsNullOrWhiteSpace(configuration[OtlpSetting]);
        if (!azureMonitor && !otlp)
        {
            return services;
        }

        OpenTelemetryBuilder telemetry = services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddMessagingInstrumentation())
            .WithMetrics(metrics => metrics.AddMessagingInstrumentation());
        if (azureMonitor)
        {
            telemetry.UseAzureMonitor(); // reads the connection string; adds logs and the Azure SDK sources itself
        }
        if (otlp)
        {
            telemetry.UseOtlpExporter(); // reads OTEL_EXPORTER_OTLP_* itself; traces, metrics and logs
        }
        return services;
    }

    /// <summary>What the app traces: incoming requests, outgoing HTTP, the Azure SDKs' calls, and its own publish and fan-out spans.</summary>
    public static TracerProviderBuilder AddMessagingInstrumentation(this TracerProviderBuilder tracing)
    {
        AppContext.SetSwitch(AzureSdkActivitySwitch, true);
        return tracing
            .AddAspNetCoreInstrumentation(options => options.Filter = context => !context.Request.Path.StartsWithSegments("/api/health"))
            .AddHttpClientInstrumentation()
            .AddSource("Azure.*")
            .AddSource(MessagingDiagnostics.Name);
    }

    /// <summary>What the app measures: requests, outgoing HTTP, the runtime, and its own counters.</summary>
    public static MeterProviderBuilder AddMessagingInstrumentation(this MeterProviderBuilder metrics) => metrics
        .AddAspNetCoreInstrumentation()
        .AddHttpClientInstrumentation()
        .AddMeter(MessagingDiagnostics.Name);
}
