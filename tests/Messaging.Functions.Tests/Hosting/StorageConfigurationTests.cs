using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;

namespace Messaging.Functions.Tests.Hosting;

public class StorageConfigurationTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task NoTableStorageSettings_UsesTheFunctionsHostStorage()
    {
        await using var app = new MessagingApp(azurite, settings: new Dictionary<string, string?>
        {
            ["TableStorage:ConnectionString"] = null,
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
        });
        using ApiClient api = app.Api();

        string id = await api.CreateConversationAsync("alice", "bob");

        Assert.Single((await api.PostAsync("_getConversationsForUser", new { user = "alice" })).Json.EnumerateArray(), c => c.GetProperty("_id").GetString() == id);
    }
}
