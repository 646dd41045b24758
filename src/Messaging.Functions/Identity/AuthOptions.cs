using System.Text;

namespace Messaging.Functions.Identity;

/// <summary>How callers are authenticated. Bound from the <c>Auth</c> section.</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary><see cref="AuthMode.Jwt"/> (the default) or <see cref="AuthMode.None"/>, allowed only in Development.</summary>
    public AuthMode Mode { get; set; } = AuthMode.Jwt;

    /// <summary>The expected <c>iss</c> of tokens. Required with <see cref="SigningKey"/>; with <see cref="Authority"/> it defaults to the metadata's issuer.</summary>
    public string? Issuer { get; set; }

    /// <summary>The expected <c>aud</c> of tokens. Required in Jwt mode.</summary>
    public string? Audience { get; set; }

    /// <summary>
    /// An HS256 shared secret for local runs and tests: the UTF-8 bytes of the text, or, after a <c>base64:</c>
    /// prefix, the bytes the base64 text decodes to (at least 32 bytes either way). Never commit one: set it
    /// through the environment (<c>Auth__SigningKey</c>).
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>An OpenID Connect authority (e.g. <c>https://login.microsoftonline.com/{tenant}/v2.0</c>) whose metadata supplies the signing keys.</summary>
    public Uri? Authority { get; set; }

    /// <summary>The claim holding the user id. Defaults to <c>sub</c>.</summary>
    public string UserIdClaim { get; set; } = "sub";

    /// <summary>The value of the <c>roles</c> claim that makes a caller an admin. Defaults to <c>admin</c>.</summary>
    public string AdminRole { get; set; } = "admin";

    /// <summary>Minimum length in bytes of <see cref="SigningKey"/> (256 bits, as HS256 needs).</summary>
    public const int MinimumSigningKeyBytes = 32;

    /// <summary>Marks a <see cref="SigningKey"/> given as base64 (what <c>openssl rand -base64</c> and most key tools print).</summary>
    public const string Base64KeyPrefix = "base64:";

    /// <summary>The key bytes <paramref name="signingKey"/> stands for; null when it has the base64 prefix but is not base64.</summary>
    public static byte[]? SigningKeyBytes(string signingKey)
    {
        if (!signingKey.StartsWith(Base64KeyPrefix, StringComparison.Ordinal))
        {
            return Encoding.UTF8.GetBytes(signingKey);
        }
        string text = signingKey[Base64KeyPrefix.Length..].Trim();
        var bytes = new byte[text.Length]; // base64 never decodes to more bytes than characters
        return Convert.TryFromBase64String(text, bytes, out int written) ? bytes[..written] : null;
    }
}

public enum AuthMode
{
    Jwt,
    None,
}
