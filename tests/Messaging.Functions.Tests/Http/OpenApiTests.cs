using System.Net;
using System.Text.Json;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;
using Microsoft.AspNetCore.Routing;

namespace Messaging.Functions.Tests.Http;

/// <summary>The OpenAPI document describes the whole HTTP API, generated from the endpoints themselves.</summary>
public class OpenApiTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task OpenApi_EveryMappedEndpoint_IsInTheDocument()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        JsonElement paths = (await GetDocumentAsync(api)).GetProperty("paths");

        // Every route the app answers (but the document itself, the SignalR hub, which is not HTTP+JSON, and the web
        // client's page, excluded on purpose).
        var mapped = app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>() is not null)
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(p => p != "/api/openapi.json" && !p.StartsWith("/api/hubs/", StringComparison.Ordinal))
            .Distinct()
            .ToList();

        Assert.Contains("/api/Messaging/sendMessage", mapped);
        Assert.True(mapped.Count >= 14, $"only {mapped.Count} endpoints found");
        Assert.All(mapped, path => Assert.True(paths.TryGetProperty(path, out _), $"{path} is not in the OpenAPI document"));
    }

    [Fact]
    public async Task OpenApi_Action_HasRequestSchemaWithRequiredFieldsAndErrorShape()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        JsonElement document = await GetDocumentAsync(api);

        JsonElement send = document.GetProperty("paths").GetProperty("/api/Messaging/sendMessage").GetProperty("post");
        JsonElement request = Resolve(document, send.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema"));
        Assert.Equal(
            ["attachments", "clientMessageId", "content", "conversationId", "payload", "replyTo", "sender", "type"],
            request.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["conversationId"], request.GetProperty("required").EnumerateArray().Select(e => e.GetString()).Order(StringComparer.Ordinal));

        JsonElement responses = send.GetProperty("responses");
        JsonElement ok = Resolve(document, responses.GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema"));
        Assert.True(ok.GetProperty("properties").TryGetProperty("message", out _));
        foreach (string status in (string[])["400", "401", "403", "404", "409", "413", "429"])
        {
            JsonElement error = Resolve(document, responses.GetProperty(status).GetProperty("content").GetProperty("application/json").GetProperty("schema"));
            Assert.True(error.GetProperty("properties").TryGetProperty("error", out JsonElement text), $"{status} does not have the error shape");
            Assert.Equal("string", text.GetProperty("type").GetString());
        }
    }

    private static async Task<JsonElement> GetDocumentAsync(ApiClient api)
    {
        using HttpResponseMessage response = await api.Http.GetAsync(new Uri("/api/openapi.json", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.Clone();
    }

    /// <summary>Follows a <c>$ref</c> to its component schema.</summary>
    private static JsonElement Resolve(JsonElement document, JsonElement schema)
    {
        if (schema.TryGetProperty("$ref", out JsonElement reference))
        {
            string name = reference.GetString()!.Split('/')[^1];
            return document.GetProperty("components").GetProperty("schemas").GetProperty(name);
        }
        return schema;
    }
}
