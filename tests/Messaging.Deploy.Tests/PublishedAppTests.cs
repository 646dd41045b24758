using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Text;
using System.Text.Json;
using Messaging.Core.Events;
using Messaging.Core.Messages;
using Messaging.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Messaging.Deploy.Tests;

/// <summary>
/// Starts the published handler the way the Functions host does (<c>FUNCTIONS_CUSTOMHANDLER_PORT</c>, the app
/// folder as working directory, Production settings) and talks to it the way the host does: forwarded HTTP
/// requests on <c>/api/...</c> and an invocation payload on <c>/fanout</c>.
/// </summary>
public sealed class PublishedAppTests(PublishedFolder published, AzuriteFixture azurite)
{
    private const string SigningKey = "published-app-test-key-0123456789abcdef-0123";

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task PublishedHandler_AsTheHostStartsIt_ServesForwardedRequestsAndFanOut()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "The app is published for linux-x64.");
        Assert.True(published.Run.ExitCode == 0, published.Run.Describe());
        int port = FreePort();
        using Process handler = StartHandler(port);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        try
        {
            await WaitUntilReadyAsync(http, handler);
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token("alice"));

            HttpResponseMessage health = await http.GetAsync("/api/health", TestContext.Current.CancellationToken);
            JsonElement created = await PostAsync(http, "/api/Messaging/createConversation", """{"user1":"alice","user2":"bob"}""");
            string conversationId = created.GetProperty("conversationId").GetString()!;
            JsonElement sent = await PostAsync(http, "/api/Messaging/sendMessage", $$"""{"conversationId":"{{conversationId}}","content":"via the host"}""");
            JsonElement message = sent.GetProperty("message");
            var evt = new MessageSent("evt-published-1", new Message(conversationId, 1, "alice", "via the host", DateTimeOffset.Parse(message.GetProperty("sentAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture)), ["alice", "bob"]);
            string payload = "{\"Data\":{\"message\":" + JsonSerializer.Serialize(JsonSerializer.Serialize(EventEnvelope.Serialize(evt))) + "},\"Metadata\":{\"DeliveryCount\":\"1\"}}";
            JsonElement invocation = await PostAsync(http, "/fanout", payload);

            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Equal("alice", message.GetProperty("sender").GetString());
            JsonElement[] outputs = [.. invocation.GetProperty("Outputs").GetProperty("signalRMessages").EnumerateArray()];
            Assert.Equal(["alice", "bob"], outputs.Select(o => o.GetProperty("userId").GetString()).Order(StringComparer.Ordinal));
            // The event is the message as everyone sees it: the send's answer without the sender's status.
            Assert.Equal("sent", message.GetProperty("status").GetString());
            string shared = message.GetRawText().Replace(",\"status\":\"sent\"", "", StringComparison.Ordinal);
            Assert.All(outputs, o => Assert.Equal(shared, o.GetProperty("arguments")[0].GetRawText()));
        }
        finally
        {
            handler.Kill(entireProcessTree: true);
            await handler.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
    }

    private Process StartHandler(int port)
    {
        string appDirectory = Path.Combine(published.Output, "app");
        var start = new ProcessStartInfo(Path.Combine(appDirectory, "Messaging.Functions"))
        {
            WorkingDirectory = appDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["FUNCTIONS_APP_ROOT_PATH"] = published.Output;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["TableStorage__ConnectionString"] = azurite.ConnectionString;
        start.Environment["TableStorage__TableName"] = azurite.NewTableName();
        start.Environment["Auth__Mode"] = "Jwt";
        start.Environment["Auth__Issuer"] = "https://issuer.test";
        start.Environment["Auth__Audience"] = "messaging-api";
        start.Environment["Auth__SigningKey"] = SigningKey;
        Process process = Process.Start(start) ?? throw new InvalidOperationException("The handler did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>The host's readiness probe: any HTTP answer on <c>/</c> means ready.</summary>
    private static async Task WaitUntilReadyAsync(HttpClient http, Process handler)
    {
        var elapsed = Stopwatch.StartNew();
        while (true)
        {
            Assert.False(handler.HasExited, $"The handler exited with code {(handler.HasExited ? handler.ExitCode : 0)}.");
            Assert.True(elapsed.Elapsed < TimeSpan.FromSeconds(30), "The handler did not answer within the host's 30 seconds.");
            try
            {
                await http.GetAsync("/", TestContext.Current.CancellationToken);
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
        }
    }

    private static async Task<JsonElement> PostAsync(HttpClient http, string path, string body)
    {
        HttpResponseMessage response = await http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        string text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static string Token(string user)
    {
        DateTime now = TimeProvider.System.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "https://issuer.test",
            Audience = "messaging-api",
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(10),
            Claims = new Dictionary<string, object> { ["sub"] = user },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(SigningKey)), SecurityAlgorithms.HmacSha256),
        });
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
