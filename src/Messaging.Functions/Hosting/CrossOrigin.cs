using Microsoft.Extensions.Options;

namespace Messaging.Functions.Hosting;

internal static class CrossOrigin
{
    public static IServiceCollection AddCrossOrigin(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<CorsOptions>().BindConfiguration(CorsOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CorsOptions>, CorsOptionsValidator>();
        services.AddCors(cors => cors.AddDefaultPolicy(policy =>
        {
            string[] origins = [.. (configuration.GetSection(CorsOptions.SectionName).Get<CorsOptions>()?.AllowedOrigins ?? [])
                .Where(origin => !string.IsNullOrWhiteSpace(origin))
                .Select(origin => origin.TrimEnd('/'))]; // an origin has no path; "https://a.example/" means "https://a.example"
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
