using System.Text;
using Microsoft.Extensions.Options;

namespace Messaging.Functions.Identity;

/// <summary>
/// Refuses, at start, any configuration that would run open by accident: no authentication outside
/// Development, or Jwt mode without a way to check signatures.
/// </summary>
internal sealed class AuthOptionsValidator(IHostEnvironment environment) : IValidateOptions<AuthOptions>
{
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
        if (string.IsNullOrWhiteSpace(options.Audience))
        {
            failures.Add("Auth:Audience is required when Auth:Mode is Jwt.");
        }
        if (options.Authority is null && string.IsNullOrEmpty(options.SigningKey))
        {
            failures.Add("Auth:Mode is Jwt but neither Auth:Authority nor Auth:SigningKey is set, so no token could be validated.");
        }
        if (!string.IsNullOrEmpty(options.SigningKey))
        {
            if (Encoding.UTF8.GetByteCount(options.SigningKey) < AuthOptions.MinimumSigningKeyBytes)
            {
                failures.Add($"Auth:SigningKey must be at least {AuthOptions.MinimumSigningKeyBytes} bytes of UTF-8.");
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
