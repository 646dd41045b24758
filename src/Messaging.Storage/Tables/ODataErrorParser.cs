using System.Text.Json;
using Azure;
using Azure.Core;

namespace Messaging.Storage.Tables;

/// <summary>
/// Reads the Table service's error body, <c>{"odata.error":{"code":"...","message":{"value":"..."}}}</c>,
/// so <see cref="RequestFailedException.ErrorCode"/> carries codes like <c>EntityAlreadyExists</c>.
/// Falls back to the <c>x-ms-error-code</c> header when the body is not JSON.
/// </summary>
internal sealed class ODataErrorParser : RequestFailedDetailsParser
{
    public static ODataErrorParser Instance { get; } = new();

    public override bool TryParse(Response response, out ResponseError? error, out IDictionary<string, string>? data)
    {
        data = null;
        (string? code, string? message) = ReadBody(response);
        if (code is null && response.Headers.TryGetValue("x-ms-error-code", out string? headerCode))
        {
            code = headerCode;
        }
        error = code is null && message is null ? null : new ResponseError(code, message ?? code);
        return error is not null;
    }

    /// <summary>The error code of a failed response, or <c>null</c> when it has none.</summary>
    public static string? ErrorCode(Response response) =>
        Instance.TryParse(response, out ResponseError? error, out _) ? error?.Code : null;

    private static (string? Code, string? Message) ReadBody(Response response)
    {
        if (response.ContentStream is null)
        {
            return (null, null);
        }
        try
        {
            ReadOnlyMemory<byte> content = response.Content.ToMemory();
            if (content.IsEmpty || content.Span[0] != (byte)'{')
            {
                return (null, null);
            }
            using var document = JsonDocument.Parse(content);
            if (!document.RootElement.TryGetProperty("odata.error", out JsonElement odataError)
                || odataError.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }
            string? code = odataError.TryGetProperty("code", out JsonElement codeElement) && codeElement.ValueKind == JsonValueKind.String
                ? codeElement.GetString()
                : null;
            string? message = odataError.TryGetProperty("message", out JsonElement messageElement)
                && messageElement.ValueKind == JsonValueKind.Object
                && messageElement.TryGetProperty("value", out JsonElement value)
                && value.ValueKind == JsonValueKind.String
                    ? value.GetString()
                    : null;
            return (code, message);
        }
        catch (JsonException)
        {
            return (null, null);
        }
        catch (InvalidOperationException)
        {
            // Content was not buffered (a streamed response): nothing to read without consuming it.
            return (null, null);
        }
    }
}
