using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Messaging.Storage.Tests.Tables;

/// <summary>A fake HTTP server: records every request (headers as sent, body as text) and answers with <see cref="Respond"/>.</summary>
internal sealed class StubHandler : HttpMessageHandler
{
    private readonly Queue<Func<HttpResponseMessage>> _responses = new();

    public List<RecordedRequest> Requests { get; } = [];

    public RecordedRequest Single => Assert.Single(Requests);

    /// <summary>Queues the answer to the next request; with nothing queued the answer is 204.</summary>
    public StubHandler Respond(HttpStatusCode status, string? body = null, params (string Name, string Value)[] headers)
    {
        _responses.Enqueue(() =>
        {
            var response = new HttpResponseMessage(status);
            if (body is not null)
            {
                response.Content = new StringContent(body, Encoding.UTF8);
                response.Content.Headers.Remove("Content-Type");
                response.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json;odata=minimalmetadata");
            }
            foreach ((string name, string value) in headers)
            {
                if (!response.Headers.TryAddWithoutValidation(name, value))
                {
                    response.Content ??= new ByteArrayContent([]);
                    response.Content.Headers.Remove(name);
                    response.Content.Headers.TryAddWithoutValidation(name, value);
                }
            }
            return response;
        });
        return this;
    }

    /// <summary>Queues an OData error, as the Table service sends it.</summary>
    public StubHandler RespondError(HttpStatusCode status, string code, string message = "Something failed.") =>
        Respond(
            status,
            """{"odata.error":{"code":""" + JsonSerializer.Serialize(code)
                + ""","message":{"lang":"en-US","value":""" + JsonSerializer.Serialize(message + "\nRequestId:1\nTime:2025-01-01T12:00:00Z") + "}}}",
            ("x-ms-error-code", code));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach ((string name, HeaderStringValues values) in request.Headers.NonValidated)
        {
            headers[name] = string.Join(",", values);
        }
        string? body = null;
        if (request.Content is not null)
        {
            foreach ((string name, HeaderStringValues values) in request.Content.Headers.NonValidated)
            {
                headers[name] = string.Join(",", values);
            }
            body = await request.Content.ReadAsStringAsync(cancellationToken);
        }
        Requests.Add(new RecordedRequest(request.Method.Method, request.RequestUri!, headers, body));
        return _responses.TryDequeue(out Func<HttpResponseMessage>? next) ? next() : new HttpResponseMessage(HttpStatusCode.NoContent);
    }
}

/// <summary>A request as it left the client.</summary>
internal sealed record RecordedRequest(string Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string? Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out string? value) ? value : null;
}
