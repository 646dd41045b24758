using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Messaging.SignalRService;

/// <summary>
/// Writes the service's HS256 JWTs: <c>{"alg":"HS256","typ":"JWT"}</c>, claims <c>aud</c>, <c>iat</c>, <c>nbf</c>,
/// <c>exp</c> and optionally <c>nameid</c>, signed with the UTF-8 bytes of the access key (not Base64-decoded).
/// Hand-written rather than through a JWT package: the format is this small and must be exact.
/// </summary>
internal static class SignalRAccessToken
{
    private static readonly string EncodedHeader = Base64Url.EncodeToString("""{"alg":"HS256","typ":"JWT"}"""u8);

    /// <param name="audience">The <c>aud</c> claim.</param>
    /// <param name="userId">The <c>nameid</c> claim; <c>null</c> to leave it out.</param>
    /// <param name="now">Issue time; <c>iat</c> and <c>nbf</c>.</param>
    /// <param name="lifetime">Added to <paramref name="now"/> for <c>exp</c>; whole seconds.</param>
    /// <param name="key">The UTF-8 bytes of the access key.</param>
    public static string Create(string audience, string? userId, DateTimeOffset now, TimeSpan lifetime, byte[] key)
    {
        long issuedAt = now.ToUnixTimeSeconds();
        var payload = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(payload))
        {
            writer.WriteStartObject();
            writer.WriteString("aud", audience);
            writer.WriteNumber("iat", issuedAt);
            writer.WriteNumber("nbf", issuedAt);
            writer.WriteNumber("exp", issuedAt + (long)lifetime.TotalSeconds);
            if (userId is not null)
            {
                writer.WriteString("nameid", userId);
            }
            writer.WriteEndObject();
        }

        string unsigned = EncodedHeader + "." + Base64Url.EncodeToString(payload.WrittenSpan);
        byte[] signature = HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(unsigned));
        return unsigned + "." + Base64Url.EncodeToString(signature);
    }

    /// <summary>Checks a token lifetime: at least a second (claims are in whole seconds).</summary>
    public static TimeSpan CheckLifetime(TimeSpan lifetime, string parameterName) =>
        lifetime >= TimeSpan.FromSeconds(1)
            ? lifetime
            : throw new ArgumentOutOfRangeException(parameterName, lifetime, "A token lifetime is at least one second.");
}
