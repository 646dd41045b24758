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

internal static class CrossOrigin
{
    public static IServiceCollection AddCrossOrigin(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddCors(cors => cors.AddDefaultPolicy(policy =>
        {
            string[] origins = [.. (configuration.GetSection(CorsOptions.SectionName).Get<CorsOptions>()?.AllowedOrigins ?? [])
                .Where(origin => !string.IsNullOrWhiteSpace(origin))];
            if (origins.Length > 0)
            {
                policy.WithOrigins(origins);
            }
            else if (environment.IsDevelopment())
            {
                policy.SetIsOriginAllowed(_ => true);
            }
            // The SignalR browser client sends credentials on negotiate, so the origin must be named, not "*".
            policy.AllowAnyHeader().AllowAnyMethod().AllowCredentials();
        }));
        return services;
    }
}
