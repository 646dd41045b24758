using Messaging.Core.Abstractions;
using Messaging.Core.Concurrency;
using Messaging.Core.Conversations;
using Messaging.Core.Events;
using Messaging.Core.Messages;
using Messaging.Core.Queries;
using Messaging.Functions.Events;
using Messaging.Functions.Hosting;

namespace Messaging.Functions;

public static class MessagingServiceCollectionExtensions
{
    /// <summary>The use cases, and the in-process event pipeline that feeds fan-out locally.</summary>
    public static IServiceCollection AddMessaging(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<StripedLock>();
        services.AddSingleton<CreateConversationHandler>();
        services.AddSingleton<SendMessageHandler>();
        services.AddSingleton<ConversationQueries>();
        services.AddSingleton<MessageQueries>();
        services.AddSingleton<FanOutHandler>();
        services.AddSingleton<OutboxSweep>();

        services.AddSingleton<InProcessEventBus>();
        services.AddSingleton<IEventPublisher>(provider => provider.GetRequiredService<InProcessEventBus>());
        services.AddHostedService<EventPump>();
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.SectionName);
        services.AddHostedService<OutboxSweeperService>();
        return services;
    }

    /// <summary>Azurite on demand for local runs; must be registered before other hosted services.</summary>
    public static IServiceCollection AddLocalStorage(this IServiceCollection services)
    {
        services.AddOptions<LocalStorageOptions>().BindConfiguration(LocalStorageOptions.SectionName);
        services.AddHostedService<LocalAzuriteService>();
        return services;
    }
}
