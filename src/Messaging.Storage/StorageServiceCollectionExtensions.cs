using Messaging.Core.Groups;
using Messaging.Storage.Groups;
using Azure.Core;
using Azure.Data.Tables;
using Messaging.Storage.Blocking;
using Messaging.Storage.Diagnostics;
using Messaging.Storage.Caching;
using Messaging.Storage.Conversations;
using Messaging.Storage.Delivery;
using Messaging.Storage.Inbox;
using Messaging.Storage.Messages;
using Messaging.Storage.Outbox;
using Messaging.Storage.Reactions;
using Messaging.Storage.Reads;
using Messaging.Storage.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Messaging.Core.Conversations;
using Messaging.Core.Messages;
using Messaging.Core.Reactions;
using Messaging.Core.Reads;
using Messaging.Core.Delivery;
using Messaging.Core.Inbox;
using Messaging.Core.Events;
using Messaging.Core.Blocking;
using Messaging.Core.Settings;

namespace Messaging.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>Registers the Table Storage stores behind the Core ports, configured from <see cref="TableStorageOptions"/>.</summary>
    public static IServiceCollection AddMessagingStorage(this IServiceCollection services)
    {
        services.AddOptions<TableStorageOptions>()
            .BindConfiguration(TableStorageOptions.SectionName)
            .PostConfigure<IConfiguration>(UseFunctionsHostStorage)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // One service client (one HTTP pipeline) for the app; the stores share one TableClient from it, which tests may replace.
        services.AddSingleton<StorageMetrics>();
        services.AddSingleton<StorageRequestCounter>();
        services.AddSingleton(provider =>
        {
            TableClientOptions clientOptions = TableStorageConnection.DefaultClientOptions();
            clientOptions.AddPolicy(provider.GetRequiredService<StorageRequestCounter>(), HttpPipelinePosition.PerRetry);
            return TableStorageConnection.CreateServiceClient(provider.GetRequiredService<IOptions<TableStorageOptions>>().Value, clientOptions);
        });
        services.AddSingleton(provider => provider.GetRequiredService<TableServiceClient>()
            .GetTableClient(provider.GetRequiredService<IOptions<TableStorageOptions>>().Value.TableName));
        services.AddSingleton<MessagingTable>();
        services.AddSingleton<IConversationStore, ConversationTableStore>();
        services.AddSingleton<ConversationHeaders>(_ => new());
        services.AddSingleton<IMessageStore, MessageTableStore>();
        services.AddSingleton(_ => new RowCache<InboxTableStore.Known>(InboxTableStore.RememberedRows));
        services.AddSingleton<IInboxStore, InboxTableStore>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<OutboxCleanup>();
        services.AddSingleton<OutboxTableStore>();
        services.AddSingleton<IOutbox>(provider => provider.GetRequiredService<OutboxTableStore>());
        services.AddSingleton<IReadCursorStore, ReadCursorTableStore>();
        services.AddSingleton<IReactionStore, ReactionTableStore>();
        services.AddSingleton<IDeliveryCursorStore, DeliveryCursorTableStore>();
        services.AddSingleton<IGroupStore, GroupTableStore>();
        services.AddSingleton<IBlockStore, BlockTableStore>();
        services.AddSingleton<IConversationSettingsStore, ConversationSettingsTableStore>();
        services.AddSingleton<Core.Editing.IMessageEditStore, Editing.MessageEditTableStore>();
        services.AddSingleton<Core.Deleting.IMessageDeleteStore, Deleting.MessageDeleteTableStore>();
        services.AddSingleton<Core.Presence.IPresenceStore, Presence.PresenceTableStore>();
        services.AddSingleton<Core.Sync.ISyncStore, Sync.SyncTableStore>();
        services.AddSingleton<Core.Search.ISearchIndex, Search.TableSearchIndex>();
        return services;
    }

    /// <summary>
    /// With no TableStorage settings, use the storage account every Functions app already has:
    /// <c>AzureWebJobsStorage</c> (a connection string) or <c>AzureWebJobsStorage__accountName</c> (managed identity).
    /// </summary>
    private static void UseFunctionsHostStorage(TableStorageOptions options, IConfiguration configuration)
    {
        if (!string.IsNullOrWhiteSpace(options.ConnectionString) || options.Endpoint is not null)
        {
            return;
        }
        if (configuration["AzureWebJobsStorage"] is { Length: > 0 } connectionString)
        {
            options.ConnectionString = connectionString;
        }
        else if (configuration["AzureWebJobsStorage:accountName"] is { Length: > 0 } account)
        {
            options.Endpoint = new Uri($"https://{account}.table.core.windows.net");
        }
    }
}
