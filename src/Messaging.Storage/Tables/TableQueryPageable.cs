using Azure;

namespace Messaging.Storage.Tables;

/// <summary>
/// Query results page by page. The continuation token is <c>"{NextPartitionKey} {NextRowKey}"</c> (the SDK's format);
/// either part may be missing, and an empty page with a token is legal, so only a missing token ends the query.
/// </summary>
internal sealed class TableQueryPageable<T>(
    Func<string?, int?, CancellationToken, Task<Page<T>>> fetchPage,
    int? maxPerPage,
    CancellationToken cancellationToken) : AsyncPageable<T>(cancellationToken)
    where T : notnull
{
    public override async IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null)
    {
        string? token = continuationToken;
        do
        {
            Page<T> page = await fetchPage(token, maxPerPage ?? pageSizeHint, CancellationToken);
            yield return page;
            token = page.ContinuationToken;
        }
        while (token is not null);
    }

    internal static string? CreateContinuationToken(string? nextPartitionKey, string? nextRowKey) =>
        string.IsNullOrEmpty(nextPartitionKey) && string.IsNullOrEmpty(nextRowKey) ? null : $"{nextPartitionKey} {nextRowKey}";

    internal static (string? NextPartitionKey, string? NextRowKey) ParseContinuationToken(string? continuationToken)
    {
        if (string.IsNullOrWhiteSpace(continuationToken))
        {
            return (null, null);
        }
        int space = continuationToken.IndexOf(' ', StringComparison.Ordinal);
        string partition = space < 0 ? continuationToken : continuationToken[..space];
        string row = space < 0 ? string.Empty : continuationToken[(space + 1)..];
        return (partition.Length > 0 ? partition : null, row.Length > 0 ? row : null);
    }
}
