using System.Collections.Concurrent;
using Azure.Data.Tables;
using Messaging.DevStorage;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Messaging.Functions.Tests.Identity;

/// <summary>Logs never carry tokens, signing keys, account keys or connection strings.</summary>
public class SecretLoggingTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Logs_AcrossSuccessRejectionAndFailure_HoldNoSecrets()
    {
        var logs = new CapturingLoggerProvider();
        string table = azurite.NewTableName();
        FaultyTableClient? client = null;
        await using var app = new MessagingApp(
            azurite,
            table,
            services => services.UseTableClient(_ => client = new FaultyTableClient(azurite.ConnectionString, table, new TableClientOptions())),
            Tokens.JwtSettings,
            configureHost: host => host.ConfigureLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace)));
        string good = Tokens.For("alice");
        string forged = Tokens.For("alice", key: "forged-key-0123456789abcdef-0123456789abcd");
        using var alice = app.Api(app.CreateClient().As(good));
        using var mallory = app.Api(app.CreateClient().As(forged));

        string id = await alice.CreateConversationAsync("alice", "bob");
        await alice.SendAsync(id, "alice", "hello");
        await mallory.PostAsync("_getConversationsForUser", new { });
        client!.FailNextTransaction = true;
        await alice.PostAsync("sendMessage", new { conversationId = id, content = "this one fails" });

        string all = logs.Text;
        Assert.Contains("Unhandled error", all, StringComparison.Ordinal); // the failure was logged...
        foreach (string secret in new[] { good, forged, Tokens.SigningKey, AzuriteProcess.AccountKey, azurite.ConnectionString, good.Split('.')[2] })
        {
            Assert.DoesNotContain(secret, all, StringComparison.Ordinal); // ...without any secret
        }
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public string Text => string.Join('\n', _lines);

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception} {state}");
        }
    }
}
