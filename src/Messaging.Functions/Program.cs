using Messaging.Functions;
using Messaging.Functions.Realtime;
using Messaging.Functions.Features;
using Messaging.Functions.Health;
using Messaging.Functions.Hosting;
using Messaging.Functions.Http;
using Messaging.Functions.Identity;
using Messaging.Functions.Invocations;
using Messaging.Functions.Web;
using Messaging.Storage;
using Microsoft.Extensions.Options;

WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
ListenAddress.Configure(builder);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 1024 * 1024); // backstop; bodies are capped lower when read

builder.Services.AddMessagingTelemetry(builder.Configuration);
builder.Services.AddLocalStorage();
builder.Services.AddMessagingStorage();
builder.Services.AddMessagingHealth();
builder.Services.AddHostedService<StartupWarmUp>(); // after AddLocalStorage: a local emulator is up by then
builder.Services.AddMessaging();
builder.Services.AddMessagingAuth();
builder.Services.AddPerUserRateLimiting();
builder.Services.AddCrossOrigin(builder.Configuration, builder.Environment);
builder.Services.ConfigureHttpJsonOptions(options =>
{
    options.SerializerOptions.PropertyNameCaseInsensitive = false; // field names are exact: "User1" is not "user1"
});
builder.Services.AddMessagingOpenApi();
builder.Services.AddExceptionHandler<ErrorHandling>();
builder.Services.AddProblemDetails();

WebApplication app = builder.Build();
try
{
    // What the host would check first in StartAsync, where a failure is logged with its stack trace.
    app.Services.GetService<IStartupValidator>()?.Validate();
}
catch (Exception ex) when (StartupFailure.OwnsProcess && StartupFailure.Describe(ex) is { } configurationError)
{
    await Console.Error.WriteLineAsync(configurationError);
    return 1;
}
app.WarnIfAuthenticationOff();
app.UseExceptionHandler();
app.UseStatusCodePages(async context =>
{
    // Unknown routes and wrong methods still answer in the API's error shape.
    HttpResponse response = context.HttpContext.Response;
    if (HttpMethods.IsHead(context.HttpContext.Request.Method))
    {
        return; // a HEAD answer has no body
    }
    string error = response.StatusCode switch
    {
        StatusCodes.Status404NotFound => "No such endpoint.",
        StatusCodes.Status405MethodNotAllowed => "Method not allowed; the API uses POST.",
        _ => "The request failed.",
    };
    await response.WriteAsJsonAsync(new ErrorBody(error), MessagingJsonContext.Default.ErrorBody);
});
app.UseCors();
app.UseAuthentication();
// Between the two: authentication has attached the user to partition by (or not, for a missing or failed
// token: then the client address), and authorization has not yet answered 401, so guessing is limited too.
app.UseRateLimiter();
app.UseAuthorization();

app.MapHealth();
app.MapMessagingApi();
app.MapMessagingOpenApi();
app.MapNegotiate();
app.MapWebClient();
app.MapHub<MessagingHub>(MessagingHub.Path).RequireAuthorization(HubAuthentication.Policy);
if (InvocationEndpoints.Enabled(app.Configuration))
{
    app.MapInvocations();
}

await app.StartAsync();
if (app.Services.GetRequiredService<LocalAzuriteService>().Failure is { } failure)
{
    await Console.Error.WriteLineAsync(failure);
    await app.StopAsync();
    return 1;
}
await app.WaitForShutdownAsync();
return 0;

/// <summary>The app's entry point; public for WebApplicationFactory in tests.</summary>
public partial class Program;
