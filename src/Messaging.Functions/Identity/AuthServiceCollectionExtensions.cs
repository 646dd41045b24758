using Messaging.Functions.Realtime;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace Messaging.Functions.Identity;

public static partial class AuthServiceCollectionExtensions
{
    /// <summary>The policy every API endpoint requires: an authenticated caller in Jwt mode, nothing in None mode.</summary>
    public const string CallerPolicy = "caller";

    public static IServiceCollection AddMessagingAuth(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        // Two JwtBearer schemes: the API's callers (the default), and the local hub's negotiate tokens.
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(HubAuthentication.Scheme);
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, BearerOptionsSetup>();
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, HubBearerOptionsSetup>();
        services.AddAuthorizationBuilder().AddPolicy(CallerPolicy, policy => policy.RequireAssertion(context =>
        {
            var auth = ((context.Resource as HttpContext)?.RequestServices ?? throw new InvalidOperationException("No HTTP context."))
                .GetRequiredService<IOptions<AuthOptions>>().Value;
            return auth.Mode == AuthMode.None || context.User.Identity?.IsAuthenticated == true;
        }));
        services.AddAuthorizationBuilder().AddPolicy(HubAuthentication.Policy, policy => policy
            .AddAuthenticationSchemes(HubAuthentication.Scheme)
            .RequireClaim(HubTokens.UserClaim));
        return services;
    }

    /// <summary>Warns at start when authentication is off, so it is never off unnoticed.</summary>
    public static void WarnIfAuthenticationOff(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<AuthOptions>>().Value.Mode == AuthMode.None)
        {
            LogAuthOff(app.Logger);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Authentication is OFF (Auth:Mode=None, Development only): identities in request bodies are trusted as given.")]
    private static partial void LogAuthOff(ILogger logger);
}
