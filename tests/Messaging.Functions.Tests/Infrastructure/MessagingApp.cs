using Messaging.Functions.Events;
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

    /// <summary>A client whose calls return once the app's fan-out has caught up (see <see cref="ApiClient"/>).</summary>
    public ApiClient Api(HttpClient? http = null) => new(http ?? CreateClient(), SettledAsync);

    /// <summary>Completes when every event published so far has been delivered (fanned out locally, or sent to the queue).</summary>
    public Task SettledAsync() => Services.GetService<EventDispatcher>()?.WhenIdleAsync() ?? Task.CompletedTask;

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
