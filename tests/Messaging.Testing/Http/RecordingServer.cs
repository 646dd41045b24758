using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Messaging.Testing.Http;

/// <summary>
/// A real HTTP(S) server on <c>127.0.0.1</c> and a free port (Kestrel): records every request as it arrived and
/// answers with the queued statuses, then with <see cref="DefaultStatus"/>.
/// </summary>
public sealed class RecordingServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentQueue<int> _statuses = new();

    private RecordingServer(WebApplication app, int defaultStatus)
    {
        _app = app;
        DefaultStatus = defaultStatus;
        app.Run(RecordAsync);
    }

    /// <summary>The status answered when nothing is queued.</summary>
    public int DefaultStatus { get; set; }

    /// <summary>The server's address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public RecordedRequest OnlyRequest => Xunit.Assert.Single(Requests);

    /// <summary>Starts a server; with a certificate it speaks HTTPS only.</summary>
    public static async Task<RecordingServer> StartAsync(
        int defaultStatus, X509Certificate2? certificate = null, CancellationToken cancellationToken = default)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (certificate is not null)
        {
            builder.WebHost.UseKestrelHttpsConfiguration();
        }
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        var server = new RecordingServer(builder.Build(), defaultStatus);
        await server._app.StartAsync(cancellationToken);
        server.BaseAddress = new Uri(server._app.Urls.Single().TrimEnd('/') + "/");
        return server;
    }

    /// <summary>Queues statuses for the next requests, in order.</summary>
    public RecordingServer Respond(params int[] statuses)
    {
        foreach (int status in statuses)
        {
            _statuses.Enqueue(status);
        }
        return this;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task RecordAsync(HttpContext context)
    {
        HttpRequest request = context.Request;
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, context.RequestAborted);
        string target = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var headers = request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        _requests.Enqueue(new RecordedRequest(request.Method, target, $"{request.Scheme}://{request.Host}{target}", headers, body.ToArray()));

        context.Response.StatusCode = _statuses.TryDequeue(out int status) ? status : DefaultStatus;
    }
}
