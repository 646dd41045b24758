using System.Diagnostics.CodeAnalysis;
using Azure;
using Azure.Core;

namespace Messaging.Storage.Tables;

/// <summary>One operation's response inside a <c>$batch</c> response, e.g. <c>HTTP/1.1 204 No Content</c> with its <c>ETag</c>.</summary>
internal sealed class BatchOperationResponse : Response
{
    private readonly Dictionary<string, List<string>> _headers;

    public BatchOperationResponse(int status, string reasonPhrase, Dictionary<string, List<string>> headers, byte[] body)
    {
        Status = status;
        ReasonPhrase = reasonPhrase;
        _headers = new Dictionary<string, List<string>>(headers, StringComparer.OrdinalIgnoreCase);
        ContentStream = new MemoryStream(body, writable: false);
        ClientRequestId = _headers.TryGetValue("x-ms-client-request-id", out List<string>? id) ? id[0] : string.Empty;
    }

    public override int Status { get; }

    public override string ReasonPhrase { get; }

    public override Stream? ContentStream { get; set; }

    public override string ClientRequestId { get; set; }

    public override bool IsError => Status >= 400;

    public override void Dispose() => ContentStream?.Dispose();

    protected override bool ContainsHeader(string name) => _headers.ContainsKey(name);

    protected override IEnumerable<HttpHeader> EnumerateHeaders() =>
        _headers.Select(header => new HttpHeader(header.Key, string.Join(",", header.Value)));

    protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value)
    {
        value = _headers.TryGetValue(name, out List<string>? values) ? string.Join(",", values) : null;
        return value is not null;
    }

    protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
    {
        values = _headers.TryGetValue(name, out List<string>? list) ? list : null;
        return values is not null;
    }
}
