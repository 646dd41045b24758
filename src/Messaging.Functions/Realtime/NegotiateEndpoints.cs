using Messaging.Core;
using Messaging.Core.Identity;
using Messaging.Functions.Hosting;
using Messaging.Functions.Http;
using Messaging.Functions.Identity;

namespace Messaging.Functions.Realtime;

/// <summary>
/// <c>POST /api/negotiate</c>: what a <c>@microsoft/signalr</c> client built with <c>{base}/api</c> calls first.
/// Answers <c>{url, accessToken}</c>; the client then connects to <c>url</c> with the token.
/// </summary>
public static class NegotiateEndpoints
{
    /// <summary>The header Azure App Service authentication sets; the user when authentication is off.</summary>
    public const string PrincipalHeader = "x-ms-client-principal-id";

    public static IEndpointRouteBuilder MapNegotiate(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/negotiate", Negotiate)
            .RequireAuthorization(AuthServiceCollectionExtensions.CallerPolicy)
            .RequirePerUserRateLimit();
        return routes;
    }

    public static IResult Negotiate(HttpContext context, INegotiator negotiator)
    {
        Caller caller = context.GetCaller();
        string? user = caller.UserId ?? context.Request.Headers[PrincipalHeader].FirstOrDefault();
        if (user is null)
        {
            return Error.Invalid($"The {PrincipalHeader} header names the user when authentication is off.").ToHttp();
        }
        if (InputRules.CheckUserId(user, PrincipalHeader) is { } invalid)
        {
            return invalid.ToHttp();
        }
        return TypedResults.Ok(negotiator.Negotiate(context.Request, user));
    }
}
