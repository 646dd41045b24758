using Azure.Core;
using Azure.Identity;
using Azure.Messaging.ServiceBus;
using Messaging.SignalRService;
using Messaging.Core.Concurrency;
using Messaging.Core.Events;
using Messaging.Core.Realtime;
using Messaging.Functions.AzureServices;
using Messaging.Functions.Events;
using Messaging.Functions.Features;
using Messaging.Functions.Http;
using Messaging.Functions.Hosting;
using Messaging.Functions.Realtime;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Messaging.Functions;

public static class MessagingServiceCollectionExtensions
{
    /// <summary>The setting holding the Azure SignalR Service connection string (the output binding reads the same one).</summary>
    public const string SignalRConnectionSetting = "AzureSignalRConnectionString";

    /// <summary>The use cases, and how events and notifications travel: in-process locally, through Azure services when configured.</summary>
    public static IServiceCollection AddMessaging(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<StripedLock>();
        services.AddJsonContext(MessagingJsonContext.Default);
        services.AddMessagingFeatures();
        services.AddSingleton<FanOutHandler>();
        services.AddSingleton<OutboxSweep>();
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.SectionName)
            .Validate(o => o.SweepInterval > TimeSpan.Zero, $"{OutboxOptions.SectionName}:SweepInterval must be longer than zero.")
            .Validate(o => o.StaleAfter >= TimeSpan.Zero, $"{OutboxOptions.SectionName}:StaleAfter must not be negative.")
            .Validate(o => o.CleanupAfter > TimeSpan.Zero, $"{OutboxOptions.SectionName}:CleanupAfter must be longer than zero.")
            .ValidateOnStart();

        services.AddRealtime();
        services.AddEventPublishing();
        return services;
    }

    /// <summary>Azurite on demand for local runs; must be registered before other hosted services.</summary>
    public static IServiceCollection AddLocalStorage(this IServiceCollection services)
    {
        services.AddOptions<LocalStorageOptions>().BindConfiguration(LocalStorageOptions.SectionName);
        services.AddSingleton<LocalAzuriteService>();
        services.AddHostedService(provider => provider.GetRequiredService<LocalAzuriteService>());
        return services;
    }

    private static void AddRealtime(this IServiceCollection services)
    {
        // The local hub is always there; with SignalR Service configured, clients are sent to the service instead.
        // Implementations are picked when first resolved, from the final configuration; the connection string is
        // checked at start (SignalRServiceOptionsValidator), so a bad one stops the app there.
        services.AddSignalR().AddJsonProtocol();
        services.AddSingleton<RealtimePayloads>();
        services.AddSingleton<IUserIdProvider, HubUserIdProvider>();
        services.AddSingleton<HubTokens>();
        services.AddSingleton<LocalNegotiator>();
        services.AddSingleton<HubNotifier>();
        services.AddOptions<SignalRServiceOptions>()
            .Configure<IConfiguration>((options, configuration) => options.ConnectionString = configuration[SignalRConnectionSetting])
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SignalRServiceOptions>, SignalRServiceOptionsValidator>();
        services.AddSingleton(provider => SignalRConnectionString.Parse(
            provider.GetRequiredService<IOptions<SignalRServiceOptions>>().Value.ConnectionString
            ?? throw new InvalidOperationException($"{SignalRConnectionSetting} is not set.")));
        services.AddSingleton(provider => new SignalRNegotiator(provider.GetRequiredService<SignalRConnectionString>(), provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(provider => new SignalRRestClient(provider.GetRequiredService<SignalRConnectionString>()));
        services.AddSingleton<SignalRServiceNegotiator>();
        services.AddSingleton<SignalRServiceNotifier>();
        services.AddSingleton<INegotiator>(provider => SignalRServiceConfigured(provider)
            ? provider.GetRequiredService<SignalRServiceNegotiator>()
            : provider.GetRequiredService<LocalNegotiator>());
        services.AddSingleton<IRealtimeNotifier>(provider => SignalRServiceConfigured(provider)
            ? provider.GetRequiredService<SignalRServiceNotifier>()
            : provider.GetRequiredService<HubNotifier>());
    }

    private static bool SignalRServiceConfigured(IServiceProvider provider) =>
        provider.GetRequiredService<IOptions<SignalRServiceOptions>>().Value.IsConfigured;

    private static void AddEventPublishing(this IServiceCollection services)
    {
        services.AddOptions<ServiceBusOptions>().BindConfiguration(ServiceBusOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ServiceBusOptions>, ServiceBusOptionsValidator>();
        // One client (one AMQP connection) and one sender per process; the container disposes both at shutdown,
        // the sender first. Neither connects before the first send.
        services.AddSingleton(provider => CreateServiceBusClient(provider.GetRequiredService<IOptions<ServiceBusOptions>>().Value));
        services.AddSingleton(provider => provider.GetRequiredService<ServiceBusClient>()
            .CreateSender(provider.GetRequiredService<IOptions<ServiceBusOptions>>().Value.TopicName));
        // One dispatcher in both modes, so a request never waits for delivery; the delivery step is chosen once.
        services.AddSingleton<LocalFanOutDelivery>();
        services.AddSingleton<ServiceBusEventDelivery>();
        services.AddSingleton<IEventDelivery>(provider => provider.GetRequiredService<IOptions<ServiceBusOptions>>().Value.IsConfigured
            ? provider.GetRequiredService<ServiceBusEventDelivery>()
            : provider.GetRequiredService<LocalFanOutDelivery>());
        services.AddSingleton<EventDispatcher>();
        services.AddHostedService(provider => provider.GetRequiredService<EventDispatcher>());
        services.AddSingleton<IEventPublisher>(provider => provider.GetRequiredService<EventDispatcher>());
        services.AddHostedService<OutboxSweeperService>();
        services.AddHostedService<OutboxCleanupService>();
    }

    /// <summary>The client for validated <paramref name="options"/>: from the connection string, or the namespace and a credential.</summary>
    internal static ServiceBusClient CreateServiceBusClient(ServiceBusOptions options)
    {
        ServiceBusClientOptions clientOptions = ServiceBusClientOptionsFor(options);
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return new ServiceBusClient(options.ConnectionString, clientOptions);
        }
        TokenCredential credential = string.IsNullOrWhiteSpace(options.ManagedIdentityClientId)
            ? new DefaultAzureCredential(new DefaultAzureCredentialOptions { ExcludeInteractiveBrowserCredential = true })
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ManagedIdentityClientId));
        string host = options.NamespaceHost()
            ?? throw new InvalidOperationException($"Neither {ServiceBusOptions.SectionName}:ConnectionString nor {ServiceBusOptions.SectionName}:FullyQualifiedNamespace is set.");
        return new ServiceBusClient(host, credential, clientOptions);
    }

    internal static ServiceBusClientOptions ServiceBusClientOptionsFor(ServiceBusOptions options) => new()
    {
        CustomEndpointAddress = options.EndpointOrNull(),
        // A lane's other conversations wait while its send retries, and the outbox sweeper retries later anyway: fail fast.
        RetryOptions = new ServiceBusRetryOptions
        {
            MaxRetries = 1,
            TryTimeout = TimeSpan.FromSeconds(10),
        },
    };
}
