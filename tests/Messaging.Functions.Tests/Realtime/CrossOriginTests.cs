using Messaging.Functions.Tests.Infrastructure;
using Messaging.Functions.Tests.Events;
using Messaging.Testing;
using Microsoft.Extensions.Options;

namespace Messaging.Functions.Tests.Realtime;

/// <summary>Browser pages on other origins may call negotiate and the API when allowed.</summary>
public class CrossOriginTests(AzuriteFixture azurite)
{
    private static async Task<string?> AllowedOriginAsync(MessagingApp app, string origin)
    {
        using HttpClient http = app.CreateClient();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/negotiate?negotiateVersion=1");
        preflight.Headers.Add("Origin", origin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "x-ms-client-principal-id, content-type");
        HttpResponseMessage response = await http.SendAsync(preflight, TestContext.Current.CancellationToken);
        return response.Headers.TryGetValues("Access-Control-Allow-Origin", out IEnumerable<string>? values) ? values.Single() : null;
    }

    [Fact]
    public async Task Development_AnyOrigin_AllowedWithCredentials()
    {
        await using var app = new MessagingApp(azurite);

        Assert.Equal("http://localhost:5173", await AllowedOriginAsync(app, "http://localhost:5173"));
    }

    [Fact]
    public async Task Production_OnlyConfiguredOrigins()
    {
        Dictionary<string, string?> settings = Tokens.JwtSettings;
        settings["Cors:AllowedOrigins:0"] = "https://chat.example.com";
        await using var app = new MessagingApp(azurite, settings: settings, environment: "Production");

        Assert.Equal("https://chat.example.com", await AllowedOriginAsync(app, "https://chat.example.com"));
        Assert.Null(await AllowedOriginAsync(app, "https://evil.example.net"));
    }

    [Fact]
    public async Task ConfiguredOrigin_WithTrailingSlash_IsTheSameOrigin()
    {
        Dictionary<string, string?> settings = Tokens.JwtSettings;
        settings["Cors:AllowedOrigins:0"] = "https://chat.example.com/";
        await using var app = new MessagingApp(azurite, settings: settings, environment: "Production");

        Assert.Equal("https://chat.example.com", await AllowedOriginAsync(app, "https://chat.example.com"));
    }

    [Theory]
    [InlineData("*", "Cors:AllowedOrigins:0 is \"*\"")]
    [InlineData("chat.example.com", "is not an origin")]
    [InlineData("ftp://chat.example.com", "is not an origin")]
    [InlineData("https://chat.example.com/app", "is not an origin")]
    public async Task InvalidOrigin_AppFailsAtStart_NamingTheSetting(string origin, string expected)
    {
        await using var app = new MessagingApp(azurite, settings: new Dictionary<string, string?> { ["Cors:AllowedOrigins:0"] = origin });

        OptionsValidationException failure = StartupFailure.Of(() => app.Services);

        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
    }
}
