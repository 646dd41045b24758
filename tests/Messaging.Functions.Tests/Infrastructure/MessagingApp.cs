using Messaging.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Messaging.Functions.Tests.Infrastructure;

/// <summary>
/// The real app over the shared Azurite, on a table of its own. Pass the same <paramref name="tableName"/>
/// to two instances to run two "servers" against one store.
/// </summary>
internal sealed class MessagingApp(
    AzuriteFixture azurite,
    string? tableName = null,
    Action<IServiceCollection>? configureServices = null,
    IReadOnlyDictionary<string, string?>? settings = null,
    string environment = "Development",
    Action<IWebHostBuilder>? configureHost = null)
    : WebApplicationFactory<Program>
{
    public string TableName { get; } = tableName ?? azurite.NewTableName();

    public string ConnectionString => azurite.ConnectionString;

    public ApiClient Api() => new(CreateClient());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        var values = new Dictionary<string, string?>
        {
            ["TableStorage:ConnectionString"] = azurite.ConnectionString,
            ["TableStorage:TableName"] = TableName,
            ["LocalStorage:StartAzurite"] = "false",
            ["Auth:Mode"] = "None",
            ["RateLimiting:Enabled"] = "false",
        };
        foreach ((string key, string? value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(values));
        if (configureServices is not null)
        {
            builder.ConfigureServices(configureServices);
        }
        configureHost?.Invoke(builder);
    }
}
