using Microsoft.Extensions.Options;

namespace Messaging.Functions.Identity;

/// <summary>
/// Refuses, at start, any configuration that would run open by accident: no authentication outside
/// Development, or Jwt mode without a way to check signatures. The audience and keys may also come from
/// JwtBearer's own section, <c>Authentication:Schemes:Bearer</c>, which <c>dotnet user-jwts</c> writes.
/// </summary>
internal sealed class AuthOptionsValidator(IHostEnvironment environment, IConfiguration configuration) : IValidateOptions<AuthOptions>
{
    /// <summary>The section JwtBearer binds the Bearer scheme from (ValidAudiences, ValidIssuer, SigningKeys, Authority).</summary>
    public const string BearerSection = "Authentication:Schemes:Bearer";

    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        if (options.Mode == AuthMode.None)
        {
            return environment.IsDevelopment()
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(
                    $"Auth:Mode=None is allowed only in the Development environment (this is {environment.EnvironmentName}). Configure Auth:Authority or Auth:SigningKey with Auth:Issuer and Auth:Audience.");
        }

        var failures = new List<string>();
        IConfigurationSection bearer = configuration.GetSection(BearerSection);
        bool bearerAudience = !string.IsNullOrEmpty(bearer["ValidAudience"]) || bearer.GetSection("ValidAudiences").GetChildren().Any();
        bool bearerKeys = !string.IsNullOrEmpty(bearer["Authority"]) || bearer.GetSection("SigningKeys").GetChildren().Any();
        if (string.IsNullOrWhiteSpace(options.Audience) && !bearerAudience)
        {
            failures.Add("Auth:Audience is required when Auth:Mode is Jwt.");
        }
        if (options.Authority is null && string.IsNullOrEmpty(options.SigningKey) && !bearerKeys)
        {
            failures.Add("Auth:Mode is Jwt but neither Auth:Authority nor Auth:SigningKey is set (nor a `dotnet user-jwts` signing key), so no token could be validated.");
        }
        if (!string.IsNullOrEmpty(options.SigningKey))
        {
            byte[]? key = AuthOptions.SigningKeyBytes(options.SigningKey);
            if (key is null)
            {
                failures.Add($"Auth:SigningKey starts with {AuthOptions.Base64KeyPrefix} but the rest is not valid base64.");
            }
            else if (key.Length < AuthOptions.MinimumSigningKeyBytes)
            {
                failures.Add($"Auth:SigningKey must be at least {AuthOptions.MinimumSigningKeyBytes} bytes (of UTF-8 text, or decoded after {AuthOptions.Base64KeyPrefix}).");
            }
            if (options.Authority is null && string.IsNullOrWhiteSpace(options.Issuer))
            {
                failures.Add("Auth:Issuer is required with Auth:SigningKey.");
            }
        }
        if (options.Authority is { } authority && authority.Scheme != Uri.UriSchemeHttps && !authority.IsLoopback)
        {
            failures.Add("Auth:Authority must use https.");
        }
        if (string.IsNullOrWhiteSpace(options.UserIdClaim))
        {
            failures.Add("Auth:UserIdClaim must not be empty.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
