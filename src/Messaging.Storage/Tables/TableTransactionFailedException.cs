using Azure;
using Azure.Core;

namespace Messaging.Storage.Tables;

/// <summary>
/// An entity group transaction failed and changed nothing. <see cref="RequestFailedException.Status"/> and
/// <see cref="RequestFailedException.ErrorCode"/> are those of the failing action.
/// </summary>
public class TableTransactionFailedException : RequestFailedException
{
    /// <summary>Wraps a failure of a transaction, reading the failing action's index from its message.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="requestFailedException"/> is null.</exception>
    public TableTransactionFailedException(RequestFailedException requestFailedException)
        : base(
            (requestFailedException ?? throw new ArgumentNullException(nameof(requestFailedException))).Status,
            requestFailedException.Message,
            requestFailedException.ErrorCode,
            requestFailedException.InnerException)
    {
        FailedTransactionActionIndex = ParseIndex(requestFailedException.Message);
    }

    /// <summary>From the failing action's response (or the whole batch's, when the service rejected it outright).</summary>
    internal TableTransactionFailedException(Response response, RequestFailedDetailsParser parser)
        : base(response, null, parser)
    {
        FailedTransactionActionIndex = ParseIndex(Message);
    }

    /// <summary>
    /// The 0-based index of the action that failed, or <c>null</c> when the service did not say
    /// (it reports it as the leading <c>N:</c> of the error message).
    /// </summary>
    public int? FailedTransactionActionIndex { get; }

    internal static int? ParseIndex(string? message)
    {
        if (string.IsNullOrEmpty(message))
        {
            return null;
        }
        int colon = message.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && int.TryParse(message.AsSpan(0, colon), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int index)
            ? index
            : null;
    }
}
