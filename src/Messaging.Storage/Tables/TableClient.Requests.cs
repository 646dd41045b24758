using System.Text.Json;
using Azure;
using Azure.Core;

namespace Messaging.Storage.Tables;

public partial class TableClient
{
    private HttpMessage CreateWriteMessage(TableEntity entity, TableUpdateMode mode, ETag? ifMatch)
    {
        byte[] body = EntitySerializer.Serialize(entity);
        HttpMessage message = CreateEntityMessage(UpdateMethod(mode), entity.PartitionKey, entity.RowKey, select: null);
        if (ifMatch is { } etag)
        {
            message.Request.Headers.SetValue("If-Match", IfMatchValue(etag));
        }
        SetJsonContent(message.Request, body);
        return message;
    }

    private HttpMessage CreateEntityMessage(RequestMethod method, string partitionKey, string rowKey, IEnumerable<string>? select)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        ArgumentNullException.ThrowIfNull(rowKey);
        List<KeyValuePair<string, string>>? query = select is null ? null : [new("$select", string.Join(',', select))];
        return CreateMessage(method, EntityPath(partitionKey, rowKey), query);
    }

    private HttpMessage CreateMessage(RequestMethod method, string path, IEnumerable<KeyValuePair<string, string>>? query = null)
    {
        HttpMessage message = _pipeline.CreateMessage();
        Request request = message.Request;
        request.Method = method;
        request.Uri.Reset(_endpoint);
        request.Uri.AppendPath(path, escape: false);
        foreach (KeyValuePair<string, string> parameter in query ?? [])
        {
            request.Uri.AppendQuery(parameter.Key, parameter.Value, escapeValue: true);
        }
        AppendSharedAccessSignature(request.Uri);
        request.Headers.SetValue("x-ms-version", _version);
        request.Headers.SetValue("DataServiceVersion", "3.0");
        request.Headers.SetValue("MaxDataServiceVersion", "3.0;NetFx");
        request.Headers.SetValue("Accept", AcceptValue);
        return message;
    }

    private void AppendSharedAccessSignature(RequestUriBuilder uri)
    {
        if (_sharedAccessSignature is null)
        {
            return;
        }
        foreach (string pair in _sharedAccessSignature.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            // The SAS is already URL-encoded: append it as is.
            uri.AppendQuery(equals < 0 ? pair : pair[..equals], equals < 0 ? string.Empty : pair[(equals + 1)..], escapeValue: false);
        }
    }

    private async ValueTask<Response> SendAsync(HttpMessage message, CancellationToken cancellationToken)
    {
        await _pipeline.SendAsync(message, cancellationToken);
        return message.Response;
    }

    private string TablePath() => "/" + Uri.EscapeDataString(Name);

    /// <summary><c>/{table}(PartitionKey='..',RowKey='..')</c>, each key with <c>'</c> doubled, then percent-encoded.</summary>
    private string EntityPath(string partitionKey, string rowKey) =>
        $"{TablePath()}(PartitionKey='{EscapeKey(partitionKey)}',RowKey='{EscapeKey(rowKey)}')";

    private static string EscapeKey(string key) => Uri.EscapeDataString(key.Replace("'", "''", StringComparison.Ordinal));

    private static RequestMethod UpdateMethod(TableUpdateMode mode) => mode switch
    {
        TableUpdateMode.Merge => MergeMethod,
        TableUpdateMode.Replace => RequestMethod.Put,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown update mode."),
    };

    private static string IfMatchValue(ETag etag) => etag == default ? ETag.All.ToString() : etag.ToString();

    private static void SetJsonContent(Request request, byte[] body)
    {
        request.Headers.SetValue("Content-Type", JsonContentType);
        request.Content = RequestContent.Create(body);
    }

    private static T ReadEntity<T>(Response response)
        where T : TableEntity, new()
    {
        using var document = JsonDocument.Parse(response.Content.ToMemory());
        T entity = EntitySerializer.Read<T>(document.RootElement);
        // A point read's header is authoritative; the body's odata.etag is the same value when present.
        if (response.Headers.TryGetValue("ETag", out string? etag))
        {
            entity.ETag = new ETag(etag);
        }
        return entity;
    }
}
