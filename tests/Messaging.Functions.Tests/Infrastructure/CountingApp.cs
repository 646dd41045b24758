using Azure.Data.Tables;
using Messaging.Testing;

namespace Messaging.Functions.Tests.Infrastructure;

/// <summary>
/// The app on a table of its own with every Table Storage request counted, and its events dropped instead of fanned
/// out (<see cref="Dropped"/> keeps them), so that a count belongs to the call under test alone.
/// </summary>
internal sealed class CountingApp : IAsyncDisposable
{
    private readonly RequestCounter _counter = new();

    private CountingApp(AzuriteFixture azurite)
    {
        var options = new TableClientOptions();
        options.AddPolicy(_counter, Azure.Core.HttpPipelinePosition.PerRetry);
        string table = azurite.NewTableName();
        App = new MessagingApp(azurite, table, services =>
        {
            services.UseTableClient(_ => new TableClient(azurite.ConnectionString, table, options));
            services.UsePublisher(Dropped);
        });
        Api = App.Api();
    }

    public MessagingApp App { get; }

    public ApiClient Api { get; }

    public DroppingPublisher Dropped { get; } = new();

    public static async Task<CountingApp> StartAsync(AzuriteFixture azurite)
    {
        var counting = new CountingApp(azurite);
        await counting.Api.Http.GetAsync("/api/health", TestContext.Current.CancellationToken); // creates the table
        return counting;
    }

    /// <summary>The storage requests <paramref name="call"/> makes.</summary>
    public async Task<int> CountAsync(Func<Task> call)
    {
        _counter.Reset();
        await call();
        return _counter.Count;
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await App.DisposeAsync();
    }
}
