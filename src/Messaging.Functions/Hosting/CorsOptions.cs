using Microsoft.Extensions.Options;

namespace Messaging.Functions.Hosting;

/// <summary>Browser clients on other origins. Bound from the <c>Cors</c> section.</summary>
public sealed class CorsOptions
{
    public const string SectionName = "Cors";

    /// <summary>
    /// Origins allowed to call the API and the hub (e.g. <c>https://chat.example.com</c>). Empty: none, except
    /// in Development, where any origin is allowed so a local page works out of the box. In Azure, the
    /// Functions host's CORS settings (see infra/) apply in front of the app.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];
}

/// <summary>Each allowed origin must be an http(s) origin: scheme, host and optional port, nothing else.</summary>
internal sealed class CorsOptionsValidator : IValidateOptions<CorsOptions>
{
    public ValidateOptionsResult Validate(string? name, CorsOptions options)
    {
        List<string> failures = [];
        for (int i = 0; i < options.AllowedOrigins.Length; i++)
        {
            string origin = options.AllowedOrigins[i];
            if (string.IsNullOrWhiteSpace(origin))
            {
                continue; // an empty array entry from an environment variable or template
            }
            string setting = $"{CorsOptions.SectionName}:AllowedOrigins:{i}";
            if (origin.Trim() == "*")
            {
                // The SignalR client sends credentials, and browsers refuse "*" with credentials.
                failures.Add($"{setting} is \"*\"; name each origin (browsers refuse a wildcard for requests with credentials).");
            }
            else if (!Uri.TryCreate(origin.TrimEnd('/'), UriKind.Absolute, out Uri? uri)
                || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
                || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
            {
                failures.Add($"{setting} \"{origin}\" is not an origin; use scheme, host and optional port, such as https://chat.example.com.");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
