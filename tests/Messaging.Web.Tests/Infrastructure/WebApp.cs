using Messaging.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Messaging.Web.Tests.Infrastructure;

/// <summary>The real app on Kestrel (a real port, so a browser can reach it) over the shared Azurite, on a table of its own.</summary>
internal sealed class WebApp : WebApplicationFactory<Program>
{
    private readonly AzuriteFixture _azurite;
    private readonly IReadOnlyDictionary<string, string?> _settings;

    public WebApp(AzuriteFixture azurite, IReadOnlyDictionary<string, string?>? settings = null)
    {
        _azurite = azurite;
        _settings = settings ?? new Dictionary<string, string?>();
        UseKestrel(0);
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
    }

    /// <summary>e.g. <c>http://127.0.0.1:41234</c>, without a trailing slash.</summary>
    public string BaseUrl { get; }

    /// <summary>The API as another client sees it (the test's own calls, to compare with what the page shows).</summary>
    public HttpClient Http(string? token = null)
    {
        var http = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }
        return http;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        var values = new Dictionary<string, string?>
        {
            ["TableStorage:ConnectionString"] = _azurite.ConnectionString,
            ["TableStorage:TableName"] = _azurite.NewTableName(),
            ["LocalStorage:StartAzurite"] = "false",
            ["Auth:Mode"] = "None",
            ["RateLimiting:Enabled"] = "false",
        };
        foreach ((string key, string? value) in _settings)
        {
            values[key] = value;
        }
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(values));
    }
}
