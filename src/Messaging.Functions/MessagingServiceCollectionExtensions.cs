using Azure.Core;
using Azure.Identity;
using Messaging.Azure.ServiceBus;
using Messaging.Azure.SignalR;
using Messaging.Core.Abstractions;
using Messaging.Core.Concurrency;
using Messaging.Core.Conversations;
using Messaging.Core.Events;
using Messaging.Core.Messages;
using Messaging.Core.Queries;
using Messaging.Core.Reads;
using Messaging.Core.Realtime;
using Messaging.Functions.AzureServices;
using Messaging.Functions.Events;
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
        services.AddSingleton<CreateConversationHandler>();
        services.AddSingleton<SendMessageHandler>();
        services.AddSingleton<MarkReadHandler>();
        services.AddSingleton<SetTypingHandler>();
        services.AddSingleton<ConversationQueries>();
        services.AddSingleton<MessageQueries>();
        services.AddSingleton<ReadQueries>();
        services.AddSingleton<FanOutHandler>();
        services.AddSingleton<OutboxSweep>();
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.SectionName);

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
        // Implementations are picked when first resolved, from the final configuration.
        services.AddSignalR().AddJsonProtocol(json => json.PayloadSerializerOptions.TypeInfoResolverChain.Insert(0, MessagingJsonContext.Default));
        services.AddSingleton<IUserIdProvider, HubUserIdProvider>();
        services.AddSingleton<HubTokens>();
        services.AddSingleton<LocalNegotiator>();
        services.AddSingleton<HubNotifier>();
        services.AddSingleton(provider => new SignalRNegotiator(SignalRConnectionString(provider)!, provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(provider => new SignalRRestClient(SignalRConnectionString(provider)!));
        services.AddSingleton<SignalRServiceNegotiator>();
        services.AddSingleton<SignalRServiceNotifier>();
        services.AddSingleton<INegotiator>(provider => SignalRConnectionString(provider) is null
            ? provider.GetRequiredService<LocalNegotiator>()
            : provider.GetRequiredService<SignalRServiceNegotiator>());
        services.AddSingleton<IRealtimeNotifier>(provider => SignalRConnectionString(provider) is null
            ? provider.GetRequiredService<HubNotifier>()
            : provider.GetRequiredService<SignalRServiceNotifier>());
    }

    private static string? SignalRConnectionString(IServiceProvider provider) =>
        provider.GetRequiredService<IConfiguration>()[SignalRConnectionSetting] is { Length: > 0 } value ? value : null;

    private static void AddEventPublishing(this IServiceCollection services)
    {
        services.AddOptions<ServiceBusOptions>().BindConfiguration(ServiceBusOptions.SectionName);
        services.AddSingleton(provider =>
        {
            ServiceBusOptions options = provider.GetRequiredService<IOptions<ServiceBusOptions>>().Value;
            var clientOptions = new ServiceBusClientOptions { Endpoint = options.Endpoint };
            // The send happens inside a request and the outbox sweeper retries later anyway: fail fast.
            clientOptions.Retry.MaxRetries = 1;
            clientOptions.Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
            if (!string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                return new ServiceBusSenderClient(options.ConnectionString, options.QueueName, clientOptions);
            }
            TokenCredential credential = string.IsNullOrEmpty(options.ManagedIdentityClientId)
                ? new DefaultAzureCredential(new DefaultAzureCredentialOptions { ExcludeInteractiveBrowserCredential = true })
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ManagedIdentityClientId));
            return new ServiceBusSenderClient(options.FullyQualifiedNamespace!, options.QueueName, credential, clientOptions);
        });
        services.AddSingleton<InProcessEventPublisher>();
        services.AddSingleton<ServiceBusEventPublisher>();
        services.AddSingleton<IEventPublisher>(provider => provider.GetRequiredService<IOptions<ServiceBusOptions>>().Value.IsConfigured
            ? provider.GetRequiredService<ServiceBusEventPublisher>()
            : provider.GetRequiredService<InProcessEventPublisher>());

        // Under the Functions host a timer-triggered function sweeps the outbox; standalone, a background service does.
        if (Environment.GetEnvironmentVariable("FUNCTIONS_CUSTOMHANDLER_PORT") is null)
        {
            services.AddHostedService<OutboxSweeperService>();
        }
    }
}
