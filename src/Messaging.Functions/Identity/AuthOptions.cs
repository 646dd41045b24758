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
    /// An HS256 shared secret (its UTF-8 bytes are the key, at least 32 of them), for local runs and tests.
    /// Never commit one: set it through the environment (<c>Auth__SigningKey</c>).
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>An OpenID Connect authority (e.g. <c>https://login.microsoftonline.com/{tenant}/v2.0</c>) whose metadata supplies the signing keys.</summary>
    public Uri? Authority { get; set; }

    /// <summary>The claim holding the user id. Defaults to <c>sub</c>.</summary>
    public string UserIdClaim { get; set; } = "sub";

    /// <summary>The value of the <c>roles</c> claim that makes a caller an admin. Defaults to <c>admin</c>.</summary>
    public string AdminRole { get; set; } = "admin";

    /// <summary>Minimum UTF-8 length of <see cref="SigningKey"/> (256 bits, as HS256 needs).</summary>
    public const int MinimumSigningKeyBytes = 32;
}

public enum AuthMode
{
    Jwt,
    None,
}
