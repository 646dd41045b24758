using System.Globalization;
using System.Text.Json;
using Messaging.Deploy.Tests.Infrastructure;

namespace Messaging.Deploy.Tests;

/// <summary>host.json: the custom handler's launch, forwarding, and the trigger settings the app relies on.</summary>
public class HostJsonTests
{
    private readonly JsonElement _host = Load();

    [Fact]
    public void CustomHandler_Description_LaunchesThePublishedApp()
    {
        JsonElement handler = _host.GetProperty("customHandler");
        JsonElement description = handler.GetProperty("description");

        // eng/publish.sh publishes self-contained for linux-x64 into app/ beside host.json.
        Assert.Equal("app/Messaging.Functions", description.GetProperty("defaultExecutablePath").GetString());
        Assert.Equal("app", description.GetProperty("workingDirectory").GetString());
        Assert.True(handler.GetProperty("enableForwardingHttpRequest").GetBoolean());
        Assert.False(_host.TryGetProperty("httpWorker", out _), "The legacy httpWorker section changes the forwarding rules.");
    }

    [Fact]
    public void ExtensionBundle_Version_IsTheV4Range()
    {
        JsonElement bundle = _host.GetProperty("extensionBundle");

        Assert.Equal("2.0", _host.GetProperty("version").GetString());
        Assert.Equal("Microsoft.Azure.Functions.ExtensionBundle", bundle.GetProperty("id").GetString());
        Assert.Equal("[4.*, 5.0.0)", bundle.GetProperty("version").GetString());
    }

    [Fact]
    public void Http_RoutePrefix_IsApi() =>
        Assert.Equal(FunctionContract.RoutePrefix, _host.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());

    [Fact]
    public void ServiceBus_Settings_CompleteMessagesRenewLocksForAWholeInvocationAndMoveOnFromIdleSessions()
    {
        JsonElement serviceBus = _host.GetProperty("extensions").GetProperty("serviceBus");
        TimeSpan renewal = TimeSpan.Parse(serviceBus.GetProperty("maxAutoLockRenewalDuration").GetString()!, CultureInfo.InvariantCulture);
        TimeSpan timeout = TimeSpan.Parse(_host.GetProperty("functionTimeout").GetString()!, CultureInfo.InvariantCulture);

        // Custom handlers cannot settle messages themselves: success completes, failure abandons.
        Assert.True(serviceBus.GetProperty("autoCompleteMessages").GetBoolean());
        // The trigger is session-enabled: concurrency is counted in sessions (conversations), and maxConcurrentCalls
        // would be ignored.
        Assert.False(serviceBus.TryGetProperty("maxConcurrentCalls", out _), "maxConcurrentCalls does not apply to a session-enabled trigger.");
        Assert.InRange(serviceBus.GetProperty("maxConcurrentSessions").GetInt32(), 1, 64);
        // A session holds its slot this long after its last message; the default (a minute) would starve the others.
        TimeSpan idle = TimeSpan.Parse(serviceBus.GetProperty("sessionIdleTimeout").GetString()!, CultureInfo.InvariantCulture);
        Assert.InRange(idle, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
        // A lock that lapses mid-invocation hands the message to another instance while this one still works on it.
        Assert.True(renewal >= timeout, $"maxAutoLockRenewalDuration {renewal} is shorter than functionTimeout {timeout}.");
    }

    private static JsonElement Load()
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(RepositoryLayout.HostJson));
        return document.RootElement.Clone();
    }
}
