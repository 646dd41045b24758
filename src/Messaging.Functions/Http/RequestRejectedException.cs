namespace Messaging.Functions.Http;

/// <summary>A request refused before it reaches a use case (unreadable or wrongly shaped body). Always a 4xx.</summary>
public sealed class RequestRejectedException(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode is >= 400 and < 500
        ? statusCode
        : throw new ArgumentOutOfRangeException(nameof(statusCode), "Only client errors are rejections.");
}
