using Messaging.Core.Identity;
using Microsoft.Extensions.Options;

namespace Messaging.Functions.Identity;

/// <summary>Turns the authenticated request into the <see cref="Caller"/> the use cases check.</summary>
public static class CallerResolution
{
    public static Caller GetCaller(this HttpContext context)
    {
        AuthOptions auth = context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value;
        if (auth.Mode == AuthMode.None)
        {
            return Caller.Unverified;
        }
        string? userId = context.User.FindFirst(auth.UserIdClaim)?.Value;
        if (string.IsNullOrEmpty(userId))
        {
            // Not reached: the Bearer scheme already refuses a token without the user claim (401 with WWW-Authenticate).
            throw new Http.RequestRejectedException(StatusCodes.Status401Unauthorized, $"The token has no '{auth.UserIdClaim}' claim.");
        }
        bool isAdmin = context.User.FindAll("roles").Any(role => string.Equals(role.Value, auth.AdminRole, StringComparison.Ordinal));
        return Caller.User(userId, isAdmin);
    }
}
