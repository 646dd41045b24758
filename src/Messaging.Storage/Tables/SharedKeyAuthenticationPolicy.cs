using Azure.Core;
using Azure.Core.Pipeline;

namespace Messaging.Storage.Tables;

/// <summary>
/// Signs requests with the Table service's Shared Key scheme:
/// <c>VERB\nContent-MD5\nContent-Type\nDate\nCanonicalizedResource</c>, where the resource is
/// <c>/{account}{encoded path}</c> (plus <c>?comp=</c> if present). With a path-style endpoint (Azurite) the
/// path already starts with the account, so it appears twice, which is what the emulator expects.
/// </summary>
internal sealed class SharedKeyAuthenticationPolicy(TableSharedKeyCredential credential) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        Request request = message.Request;
        if (!request.Headers.TryGetValue(DateHeaderPolicy.HeaderName, out string? date))
        {
            throw new InvalidOperationException("x-ms-date must be set before the request is signed.");
        }
        request.Headers.TryGetValue("Content-MD5", out string? contentMd5);
        request.Headers.TryGetValue("Content-Type", out string? contentType);

        string stringToSign = string.Join(
            '\n',
            request.Method.Method,
            contentMd5 ?? string.Empty,
            contentType ?? string.Empty,
            date,
            CanonicalizedResource(credential.AccountName, request.Uri.ToUri()));
        request.Headers.SetValue("Authorization", $"SharedKey {credential.AccountName}:{credential.ComputeSignature(stringToSign)}");
    }

    internal static string CanonicalizedResource(string accountName, Uri uri)
    {
        string resource = "/" + accountName + uri.AbsolutePath;
        foreach (string pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            if (pair.StartsWith("comp=", StringComparison.OrdinalIgnoreCase))
            {
                return resource + "?comp=" + pair["comp=".Length..];
            }
        }
        return resource;
    }
}
