using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Core;

namespace Messaging.Storage.Tables;

public partial class TableClient
{
    /// <summary>Queries entities, following continuation tokens page by page, in PartitionKey then RowKey order.</summary>
    /// <param name="filter">An OData filter (see <see cref="CreateQueryFilter"/>); <c>null</c> (default) for all entities.</param>
    /// <param name="maxPerPage">The page size (<c>$top</c>); <c>null</c> (default) for the service's maximum of 1,000.</param>
    /// <param name="select">Properties to return; <c>null</c> (default) for all.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>The entities, each with <see cref="ITableEntity.ETag"/> (from <c>odata.etag</c>) and <see cref="ITableEntity.Timestamp"/> set.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxPerPage"/> is not positive.</exception>
    public virtual AsyncPageable<T> QueryAsync<T>(
        string? filter = null, int? maxPerPage = null, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
        where T : TableEntity, new()
    {
        if (maxPerPage is { } size)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size, nameof(maxPerPage));
        }
        string? selection = select is null ? null : string.Join(',', select);
        return new TableQueryPageable<T>(
            (token, pageSize, ct) => QueryPageAsync<T>(filter, selection, pageSize, token, ct),
            maxPerPage,
            cancellationToken);
    }

    /// <summary>
    /// Builds an OData filter from an interpolated string, formatting each value as a literal: strings quoted with
    /// <c>'</c> doubled, <c>long</c> as <c>123L</c>, dates as <c>datetime'...'</c>, GUIDs as <c>guid'...'</c>, bytes as <c>X'..'</c>.
    /// </summary>
    /// <example><c>CreateQueryFilter($"PartitionKey eq {pk} and Seq gt {seq}")</c></example>
    /// <exception cref="ArgumentException">A value has a type with no OData literal.</exception>
    public static string CreateQueryFilter(FormattableString filter) => TableQueryFilter.Create(filter);

    private async Task<Page<T>> QueryPageAsync<T>(string? filter, string? select, int? top, string? continuationToken, CancellationToken cancellationToken)
        where T : TableEntity, new()
    {
        var query = new List<KeyValuePair<string, string>>();
        if (filter is not null)
        {
            query.Add(new("$filter", filter));
        }
        if (select is not null)
        {
            query.Add(new("$select", select));
        }
        if (top is { } pageSize)
        {
            query.Add(new("$top", pageSize.ToString(CultureInfo.InvariantCulture)));
        }
        (string? nextPartitionKey, string? nextRowKey) = TableQueryPageable<T>.ParseContinuationToken(continuationToken);
        if (nextPartitionKey is not null)
        {
            query.Add(new("NextPartitionKey", nextPartitionKey));
        }
        if (nextRowKey is not null)
        {
            query.Add(new("NextRowKey", nextRowKey));
        }

        using HttpMessage message = CreateMessage(RequestMethod.Get, TablePath() + "()", query);
        Response response = await SendAsync(message, cancellationToken);
        if (response.Status != 200)
        {
            throw new RequestFailedException(response);
        }

        var entities = new List<T>();
        using (var document = JsonDocument.Parse(response.Content.ToMemory()))
        {
            if (document.RootElement.TryGetProperty("value", out JsonElement values))
            {
                foreach (JsonElement value in values.EnumerateArray())
                {
                    entities.Add(EntitySerializer.Read<T>(value));
                }
            }
        }
        response.Headers.TryGetValue("x-ms-continuation-NextPartitionKey", out string? nextPartition);
        response.Headers.TryGetValue("x-ms-continuation-NextRowKey", out string? nextRow);
        return Page<T>.FromValues(entities, TableQueryPageable<T>.CreateContinuationToken(nextPartition, nextRow), response);
    }
}
