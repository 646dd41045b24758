using Messaging.Functions.Http;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Messaging.Functions.Identity;

/// <summary>
/// What the JwtBearer schemes answer, in the API's error shape: every 401 carries <c>WWW-Authenticate: Bearer</c>
/// and <c>{"error": ...}</c>; a 403 says <c>{"error": "Not allowed."}</c>. Neither ever includes the token.
/// </summary>
internal static class AuthResponses
{
    public static async Task ChallengeAsync(JwtBearerChallengeContext context, string error)
    {
        context.HandleResponse(); // instead of JwtBearer's own header-only challenge
        HttpResponse response = context.Response;
        response.StatusCode = StatusCodes.Status401Unauthorized;
        response.Headers.WWWAuthenticate = JwtBearerDefaults.AuthenticationScheme;
        await response.WriteAsJsonAsync(new ErrorBody(error), MessagingJsonContext.Default.ErrorBody);
    }

    public static async Task ForbiddenAsync(ForbiddenContext context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await context.Response.WriteAsJsonAsync(new ErrorBody("Not allowed."), MessagingJsonContext.Default.ErrorBody);
    }
}
