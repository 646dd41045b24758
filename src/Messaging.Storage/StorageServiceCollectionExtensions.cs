using Azure.Core;
using Azure.Identity;
using Messaging.Core.Abstractions;
using Messaging.Storage.Conversations;
using Messaging.Storage.Inbox;
using Messaging.Storage.Messages;
using Messaging.Storage.Outbox;
using Messaging.Storage.Reads;
using Messaging.Storage.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

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

        services.AddSingleton(provider =>
        {
            TableStorageOptions options = provider.GetRequiredService<IOptions<TableStorageOptions>>().Value;
            if (!string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                return new TableClient(options.ConnectionString, options.TableName);
            }
            TokenCredential credential = string.IsNullOrEmpty(options.ManagedIdentityClientId)
                ? new DefaultAzureCredential(new DefaultAzureCredentialOptions { ExcludeInteractiveBrowserCredential = true })
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ManagedIdentityClientId));
            return new TableClient(options.Endpoint!, options.TableName, credential);
        });
        services.AddSingleton<MessagingTable>();
        services.AddSingleton<IConversationStore, ConversationTableStore>();
        services.AddSingleton<IMessageStore, MessageTableStore>();
        services.AddSingleton<IInboxStore, InboxTableStore>();
        services.AddSingleton<IOutbox, OutboxTableStore>();
        services.AddSingleton<IReadCursorStore, ReadCursorTableStore>();
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
