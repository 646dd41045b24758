using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Messaging.SignalRService.Tests;

/// <summary>Decodes an HS256 JWT and checks its signature against the UTF-8 bytes of a key, independently of the client.</summary>
internal sealed class JwtReference
{
    private JwtReference(JsonElement header, JsonElement claims, bool signatureValid)
    {
        Header = header;
        Claims = claims;
        SignatureValid = signatureValid;
    }

    public JsonElement Header { get; }

    public JsonElement Claims { get; }

    public bool SignatureValid { get; }

    public string Audience => Claims.GetProperty("aud").GetString()!;

    public long Claim(string name) => Claims.GetProperty(name).GetInt64();

    public static JwtReference Decode(string token, string key)
    {
        string[] parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        byte[] expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
        bool valid = CryptographicOperations.FixedTimeEquals(expected, Base64Url.DecodeFromChars(parts[2]));
        return new JwtReference(
            JsonSerializer.Deserialize<JsonElement>(Base64Url.DecodeFromChars(parts[0])),
            JsonSerializer.Deserialize<JsonElement>(Base64Url.DecodeFromChars(parts[1])),
            valid);
    }
}
