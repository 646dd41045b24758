using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace Messaging.Storage;

/// <summary>
/// Tells a missing table from a missing row where Azure.Data.Tables does not: <c>DeleteEntityAsync</c> returns
/// every 404 as success and <c>GetEntityIfExistsAsync</c> every 404 as "no entity", the table's too.
/// A missing table is a setup error (or a deleted table), never "already done" or "not found".
/// </summary>
internal static class TableErrors
{
    public const string TableNotFound = nameof(TableNotFound);

    /// <summary>The service's error code: the <c>x-ms-error-code</c> header, else <c>odata.error.code</c> in the JSON body.</summary>
    public static string? ErrorCode(Response response)
    {
        if (response.Headers.TryGetValue("x-ms-error-code", out string? header) && !string.IsNullOrEmpty(header))
        {
            return header;
        }
        try
        {
            using JsonDocument body = JsonDocument.Parse(response.Content.ToMemory());
            return body.RootElement.TryGetProperty("odata.error", out JsonElement error)
                && error.TryGetProperty("code", out JsonElement code) && code.ValueKind == JsonValueKind.String
                ? code.GetString()
                : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return null; // no body, or not JSON
        }
    }

    /// <summary>Throws when <paramref name="response"/> is a 404 for the table rather than for an entity.</summary>
    /// <exception cref="RequestFailedException">404 <c>TableNotFound</c>.</exception>
    public static void ThrowIfTableNotFound(Response response)
    {
        if (response.Status == 404 && ErrorCode(response) == TableNotFound)
        {
            throw new RequestFailedException(404, $"The table does not exist. Status: 404, ErrorCode: {TableNotFound}.", TableNotFound, null);
        }
    }

    /// <summary>The entity, or null when it does not exist; a missing table throws instead.</summary>
    /// <exception cref="RequestFailedException">404 <c>TableNotFound</c>, or any other failure.</exception>
    public static async Task<T?> GetEntityOrNullAsync<T>(
        this TableClient client, Diagnostics.StorageMetrics metrics, string partitionKey, string rowKey, IEnumerable<string>? select, CancellationToken cancellationToken)
        where T : class, ITableEntity
    {
        NullableResponse<T> found = await client.GetEntityIfExistsAsync<T>(partitionKey, rowKey, select, cancellationToken);
        if (found.HasValue)
        {
            metrics.EntitiesRead(1);
            return found.Value;
        }
        ThrowIfTableNotFound(found.GetRawResponse());
        return null;
    }
}
