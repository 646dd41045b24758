using Messaging.Functions.Realtime;
using System.Reflection;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.DataProtection;
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
        services.SkipDataProtectionWarmUp();
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

    /// <summary>
    /// AddAuthentication adds Data Protection, whose hosted service reads (or creates) the key ring before the server
    /// listens: a third of the cold start, for keys nothing here uses (bearer tokens are not protected payloads).
    /// Without it the ring still loads on first use, should anything ever ask for a protector.
    /// </summary>
    internal static void SkipDataProtectionWarmUp(this IServiceCollection services)
    {
        Assembly dataProtection = typeof(DataProtectionOptions).Assembly;
        for (int i = services.Count - 1; i >= 0; i--)
        {
            ServiceDescriptor descriptor = services[i];
            if (descriptor.ServiceType == typeof(IHostedService) && !descriptor.IsKeyedService
                && descriptor.ImplementationType is { Name: DataProtectionWarmUp } type && type.Assembly == dataProtection)
            {
                services.RemoveAt(i);
            }
        }
    }

    /// <summary>The internal hosted service of Microsoft.AspNetCore.DataProtection that loads the key ring at start.</summary>
    internal const string DataProtectionWarmUp = "DataProtectionHostedService";

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
