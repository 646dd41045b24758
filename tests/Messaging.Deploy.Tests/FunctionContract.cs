namespace Messaging.Deploy.Tests;

/// <summary>
/// The single list of the functions the Functions host knows and how each reaches the app. The tests hold the
/// function folders, host.json, the ARM template and the app to it: a new function means a new entry here, and a
/// new payload-mode function also means a new <c>POST /{name}</c> endpoint in the app.
/// </summary>
/// <remarks>
/// HTTP functions are "HTTP in-and-out" (one httpTrigger in, one http out) and host.json enables forwarding, so
/// the host passes the original request through and the app routes on <c>/api/...</c> itself. Every other
/// function is invoked with a payload: <c>POST /{name}</c> with <c>{"Data": {trigger name: ...}, "Metadata": ...}</c>,
/// answered with <c>{"Outputs": {output name: ...}, "Logs": [], "ReturnValue": null}</c>.
/// </remarks>
internal static class FunctionContract
{
    /// <summary>host.json's <c>extensions.http.routePrefix</c>: the app's forwarded paths start with it.</summary>
    public const string RoutePrefix = "api";

    /// <summary>The Service Bus topic the outbox publishes to.</summary>
    public const string TopicName = "messaging-events-topic";

    /// <summary>The topic's subscription <c>fanout</c> is triggered by.</summary>
    public const string SubscriptionName = "fanout";

    /// <summary>The SignalR hub every client connects to and the fan-out pushes through.</summary>
    public const string HubName = "messaging";

    /// <summary>The <c>connection</c> of the Service Bus trigger: an identity-based prefix in Azure.</summary>
    public const string ServiceBusConnection = "ServiceBusConnection";

    /// <summary>The app setting holding the SignalR Service connection string.</summary>
    public const string SignalRConnectionSetting = "AzureSignalRConnectionString";

    /// <summary>The SignalR Service upstream category whose events drive presence (client connections opening and closing).</summary>
    public const string SignalRConnectionsCategory = "connections";

    /// <summary>Functions forwarded as-is.</summary>
    public static readonly IReadOnlyList<HttpFunction> Http =
    [
        // One catch-all for every action and query: routing stays in the app, and a new action needs no new folder.
        new("Messaging", ["post"], "Messaging/{action}", "/api/Messaging/{action}"),
        // Forwardable because the app computes the SignalR URL and token itself (no signalRConnectionInfo binding).
        new("negotiate", ["post"], "negotiate", "/api/negotiate"),
        // HEAD too: load balancers and uptime probes use it.
        new("health", ["get", "head"], "health", "/api/health"),
        new("openapi", ["get"], "openapi.json", "/api/openapi.json"),
        // The web client's page and files; the host's route prefix keeps it off "/", which the app serves locally.
        new("web", ["get", "head"], "web/{*file}", "/api/web/{*file}"),
    ];

    /// <summary>Functions invoked with a payload at <c>POST /{name}</c>.</summary>
    public static readonly IReadOnlyList<PayloadFunction> Payload =
    [
        new("fanout", "serviceBusTrigger", "message", ["signalRMessages"]),
        new("outboxSweeper", "timerTrigger", "timer", []),
        // SignalR Service's upstream reports connections through the host's SignalR webhook: one function per event.
        new("presenceConnected", "signalRTrigger", "invocation", []),
        new("presenceDisconnected", "signalRTrigger", "invocation", []),
    ];

    public static IEnumerable<string> AllNames => Http.Select(f => f.Name).Concat(Payload.Select(f => f.Name));

    public static HttpFunction HttpFunction(string name) => Http.Single(f => f.Name == name);

    public static PayloadFunction PayloadFunction(string name) => Payload.Single(f => f.Name == name);

    public static TheoryData<string> HttpNames => [.. Http.Select(f => f.Name)];

    public static TheoryData<string> PayloadNames => [.. Payload.Select(f => f.Name)];

    public static TheoryData<string> AllFunctionNames => [.. AllNames];
}

/// <summary>A forwarded HTTP function: its method, its route under the prefix, and the path the app sees.</summary>
internal sealed record HttpFunction(string Name, IReadOnlyList<string> Methods, string Route, string AppPath);

/// <summary>A payload-mode function: its trigger and the output binding names the app answers with.</summary>
internal sealed record PayloadFunction(string Name, string TriggerType, string TriggerName, IReadOnlyList<string> OutputNames)
{
    /// <summary>Where the host POSTs the invocation: the function's name, without the route prefix.</summary>
    public string AppPath => "/" + Name;
}
