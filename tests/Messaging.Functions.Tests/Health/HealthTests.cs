using System.Net;
using System.Net.Http.Json;
using Messaging.DevStorage;
using Messaging.Functions.Hosting;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Messaging.Functions.Tests.Health;

/// <summary>Health follows storage as it goes and comes back, and an outage never turns into a 500.</summary>
public class HealthTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Health_StorageReachable_Ok()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();

        ApiResponse health = await ApiResponse.ReadAsync(await api.Http.GetAsync("/api/health", TestContext.Current.CancellationToken));

        health.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("healthy", health.Json.GetProperty("status").GetString());
    }

    private static readonly string Tools = RepositoryRoot.AzuriteDirectory(AppContext.BaseDirectory);

    [Fact]
    public async Task Health_StorageStopsThenReturns_503WithReasonThen200()
    {
        AzuriteProcess storage = await AzuriteProcess.StartAsync(Tools, cancellationToken: TestContext.Current.CancellationToken);
        int port = storage.Port;
        await using var app = new MessagingApp(azurite, settings: new Dictionary<string, string?> { ["TableStorage:ConnectionString"] = storage.ConnectionString });
        using ApiClient api = app.Api();
        try
        {
            ApiResponse up = await HealthAsync(api);
            HttpStatusCode upHead = await HeadAsync(api);

            await storage.DisposeAsync();
            ApiResponse down = await Eventually.MatchesAsync(() => HealthAsync(api), r => r.Status == HttpStatusCode.ServiceUnavailable);
            HttpStatusCode downHead = await HeadAsync(api);
            storage = await AzuriteProcess.StartAsync(Tools, port, cancellationToken: TestContext.Current.CancellationToken);
            // The emulator came back empty (in memory): health reports the missing table, then the app creates it again.
            ApiResponse back = await Eventually.MatchesAsync(() => HealthAsync(api), r => r.Status == HttpStatusCode.OK);

            up.AssertStatus(HttpStatusCode.OK);
            Assert.Equal("healthy", up.Json.GetProperty("status").GetString());
            Assert.Equal(HttpStatusCode.OK, upHead);
            Assert.StartsWith("Storage ", down.AssertError(HttpStatusCode.ServiceUnavailable), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, downHead);
            Assert.Equal("healthy", back.Json.GetProperty("status").GetString());
            await api.CreateConversationAsync("alice", "bob");
        }
        finally
        {
            await storage.DisposeAsync();
        }
    }

    [Fact]
    public async Task Actions_StorageDownOrReset_503WithRetryAfterThenRecover()
    {
        AzuriteProcess storage = await AzuriteProcess.StartAsync(Tools, cancellationToken: TestContext.Current.CancellationToken);
        int port = storage.Port;
        await using var app = new MessagingApp(azurite, settings: new Dictionary<string, string?> { ["TableStorage:ConnectionString"] = storage.ConnectionString });
        using ApiClient api = app.Api();
        try
        {
            string id = await api.CreateConversationAsync("alice", "bob");
            await storage.DisposeAsync();

            using HttpResponseMessage send = await api.Http.PostAsJsonAsync("/api/Messaging/sendMessage", new { conversationId = id, sender = "alice", content = "lost?" }, TestContext.Current.CancellationToken);
            ApiResponse query = await api.PostAsync("_getMessagesInConversation", new { conversationId = id });
            ApiResponse create = await api.PostAsync("createConversation", new { user1 = "carol", user2 = "dave" });
            // It comes back empty (in memory): the first action meets the missing table, the next creates it.
            storage = await AzuriteProcess.StartAsync(Tools, port, cancellationToken: TestContext.Current.CancellationToken);
            ApiResponse tableMissing = await api.PostAsync("_getAllConversations");
            ApiResponse recovered = await api.PostAsync("_getAllConversations");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, send.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(5), send.Headers.RetryAfter?.Delta);
            Assert.Contains("Storage is unavailable", (await ApiResponse.ReadAsync(send)).AssertError(HttpStatusCode.ServiceUnavailable), StringComparison.Ordinal);
            query.AssertError(HttpStatusCode.ServiceUnavailable);
            create.AssertError(HttpStatusCode.ServiceUnavailable);
            Assert.Contains("Storage is unavailable", tableMissing.AssertError(HttpStatusCode.ServiceUnavailable), StringComparison.Ordinal);
            recovered.AssertStatus(HttpStatusCode.OK);
            Assert.Equal(0, recovered.Json.GetArrayLength());
        }
        finally
        {
            await storage.DisposeAsync();
        }
    }

    [Fact]
    public async Task LocalAzurite_DiesWhileTheAppRuns_IsRestartedOnItsPort()
    {
        int port = AzuriteProcess.FreePort();
        string data = Path.Combine(Path.GetTempPath(), $"azurite-{Guid.NewGuid():N}");
        await using var app = new MessagingApp(azurite, settings: new Dictionary<string, string?>
        {
            ["TableStorage:ConnectionString"] = AzuriteProcess.ConnectionStringFor(port),
            ["LocalStorage:StartAzurite"] = "true",
            ["LocalStorage:Directory"] = Tools,
            ["LocalStorage:DataDirectory"] = data,
        });
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        LocalAzuriteService local = app.Services.GetRequiredService<LocalAzuriteService>();
        int first = local.AzuriteProcessId ?? throw new InvalidOperationException("The app did not start Azurite.");

        using (var process = System.Diagnostics.Process.GetProcessById(first))
        {
            process.Kill(entireProcessTree: true);
        }
        int? second = await Eventually.MatchesAsync(() => Task.FromResult(local.AzuriteProcessId), pid => pid is { } p && p != first, timeoutSeconds: 30);
        await Eventually.TrueAsync(async () => (await HealthAsync(api)).Status == HttpStatusCode.OK, timeoutSeconds: 30);

        Assert.NotEqual(first, second);
        // Killed, the emulator may not have saved its last writes; what matters is that the app serves again.
        Assert.NotEqual(id, await api.CreateConversationAsync("carol", "dave"));
    }

    [Fact]
    public async Task LocalAzurite_SomethingAlreadyListens_UsesItAndSaysSoOnce()
    {
        Uri endpoint = Messaging.Storage.TableStorageConnection.Endpoint(azurite.ConnectionString);
        await using var app = new MessagingApp(
            azurite,
            configureServices: services => services.AddFakeLogging(),
            settings: new Dictionary<string, string?> { ["LocalStorage:StartAzurite"] = "true", ["LocalStorage:Directory"] = Tools });
        using ApiClient api = app.Api();

        (await HealthAsync(api)).AssertStatus(HttpStatusCode.OK);

        Assert.Null(app.Services.GetRequiredService<LocalAzuriteService>().AzuriteProcessId);
        FakeLogRecord said = Assert.Single(
            app.Services.GetFakeLogCollector().GetSnapshot(),
            r => r.Category == typeof(LocalAzuriteService).FullName && r.Level == LogLevel.Warning);
        Assert.Contains(endpoint.GetLeftPart(UriPartial.Authority), said.Message, StringComparison.Ordinal);
        Assert.Contains("not started by this app", said.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LocalAzurite_StartBlobAndQueue_ServesTheHostStorageWhereAzureWebJobsStoragePoints()
    {
        int table = AzuriteProcess.FreePort(), blob = AzuriteProcess.FreePort(), queue = AzuriteProcess.FreePort();
        await using var app = new MessagingApp(azurite, settings: new Dictionary<string, string?>
        {
            ["TableStorage:ConnectionString"] = AzuriteProcess.ConnectionStringFor(table),
            ["AzureWebJobsStorage"] = $"DefaultEndpointsProtocol=http;AccountName={AzuriteProcess.AccountName};AccountKey={AzuriteProcess.AccountKey};"
                + $"BlobEndpoint=http://127.0.0.1:{blob}/{AzuriteProcess.AccountName};QueueEndpoint=http://127.0.0.1:{queue}/{AzuriteProcess.AccountName}",
            ["LocalStorage:StartAzurite"] = "true",
            ["LocalStorage:StartBlobAndQueue"] = "true",
            ["LocalStorage:Directory"] = Tools,
            ["LocalStorage:DataDirectory"] = Path.Combine(Path.GetTempPath(), $"azurite-{Guid.NewGuid():N}"),
        });
        using ApiClient api = app.Api();
        (await HealthAsync(api)).AssertStatus(HttpStatusCode.OK);
        LocalAzuriteService local = app.Services.GetRequiredService<LocalAzuriteService>();
        using var http = new HttpClient();

        // Anonymous requests reach the services, which answer in their own protocols.
        using HttpResponseMessage blobAnswer = await http.GetAsync(new Uri($"http://127.0.0.1:{blob}/{AzuriteProcess.AccountName}?comp=list"), TestContext.Current.CancellationToken);
        using HttpResponseMessage queueAnswer = await http.GetAsync(new Uri($"http://127.0.0.1:{queue}/{AzuriteProcess.AccountName}?comp=list"), TestContext.Current.CancellationToken);

        Assert.NotNull(local.ProcessId(AzuriteService.Blob));
        Assert.NotNull(local.ProcessId(AzuriteService.Queue));
        Assert.True(blobAnswer.Headers.Contains("x-ms-request-id"), $"blob: {(int)blobAnswer.StatusCode}");
        Assert.True(queueAnswer.Headers.Contains("x-ms-request-id"), $"queue: {(int)queueAnswer.StatusCode}");
    }

    private static async Task<ApiResponse> HealthAsync(ApiClient api) =>
        await ApiResponse.ReadAsync(await api.Http.GetAsync(new Uri("/api/health", UriKind.Relative), TestContext.Current.CancellationToken));

    private static async Task<HttpStatusCode> HeadAsync(ApiClient api)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, "/api/health");
        using HttpResponseMessage response = await api.Http.SendAsync(request, TestContext.Current.CancellationToken);
        string body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(body.Length == 0, $"HEAD answered {(int)response.StatusCode} with a body: {body}");
        return response.StatusCode;
    }
}
