using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Messaging.Azure.ServiceBus;

/// <summary>
/// Authorizes requests with a Service Bus SAS token:
/// <c>SharedAccessSignature sr={encoded uri}&amp;sig={encoded Base64 HMAC-SHA256(key, "{encoded uri}\n{se}")}&amp;se={unix seconds}&amp;skn={key name}</c>.
/// </summary>
/// <remarks>
/// A token is valid for <see cref="Lifetime"/> and reused until <see cref="RenewalMargin"/> before it expires, so a
/// token never expires in flight (or during a retry's back-off). It runs per retry, so a retry after a long wait
/// picks up a renewed token.
/// </remarks>
internal sealed class SharedAccessSignatureAuthenticationPolicy : HttpPipelineSynchronousPolicy
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    public static readonly TimeSpan RenewalMargin = TimeSpan.FromMinutes(5);

    private readonly string _encodedResource;
    private readonly string _encodedKeyName;
    private readonly byte[] _key;
    private readonly TimeProvider _timeProvider;
    private CachedToken? _token;

    /// <param name="resourceUri">The audience, e.g. <c>https://ns.servicebus.windows.net/orders</c>.</param>
    /// <param name="keyName">The SAS policy name.</param>
    /// <param name="key">The SAS key; signed as the UTF-8 bytes of the string, not Base64-decoded.</param>
    /// <param name="timeProvider">The clock for <c>se</c>.</param>
    public SharedAccessSignatureAuthenticationPolicy(string resourceUri, string keyName, string key, TimeProvider timeProvider)
    {
        _encodedResource = WebUtility.UrlEncode(resourceUri);
        _encodedKeyName = WebUtility.UrlEncode(keyName);
        _key = Encoding.UTF8.GetBytes(key);
        _timeProvider = timeProvider;
    }

    public override void OnSendingRequest(HttpMessage message)
    {
        DateTimeOffset now = _timeProvider.GetUtcNow();
        CachedToken? token = Volatile.Read(ref _token);
        if (token is null || now >= token.RenewAt)
        {
            // Concurrent renewals are harmless: each produces a valid token and the last one wins.
            DateTimeOffset expiresOn = now + Lifetime;
            token = new CachedToken(CreateToken(expiresOn), expiresOn - RenewalMargin);
            Volatile.Write(ref _token, token);
        }
        message.Request.Headers.SetValue(HttpHeader.Names.Authorization, token.Value);
    }

    internal string CreateToken(DateTimeOffset expiresOn)
    {
        string expiry = expiresOn.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        // The encoded sr is both signed and sent, so the service hashes exactly what was signed.
        byte[] signature = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(_encodedResource + "\n" + expiry));
        return $"SharedAccessSignature sr={_encodedResource}&sig={WebUtility.UrlEncode(Convert.ToBase64String(signature))}&se={expiry}&skn={_encodedKeyName}";
    }

    private sealed record CachedToken(string Value, DateTimeOffset RenewAt);
}
