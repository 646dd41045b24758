using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Messaging.Functions.Tests.Infrastructure;

/// <summary>
/// Calls the messaging endpoints the way any HTTP client would. Fan-out runs after the response; with
/// <paramref name="settled"/> each call also waits for it, so a test reads inbox rows and unread counts
/// without polling. Tests of that lag itself use a client without it.
/// </summary>
internal sealed class ApiClient(HttpClient http, Func<Task>? settled = null) : IDisposable
{
    public HttpClient Http => http;

    public async Task<ApiResponse> PostAsync(string action, object? body = null) =>
        await SettleAsync(await ApiResponse.ReadAsync(await http.PostAsJsonAsync($"/api/Messaging/{action}", body ?? new { }, TestContext.Current.CancellationToken)));

    public async Task<ApiResponse> PostRawAsync(string action, string body, string contentType = "application/json") =>
        await SettleAsync(await ApiResponse.ReadAsync(await http.PostAsync(
            $"/api/Messaging/{action}", new StringContent(body, Encoding.UTF8, contentType), TestContext.Current.CancellationToken)));

    private async Task<ApiResponse> SettleAsync(ApiResponse response)
    {
        if (settled is not null)
        {
            await settled().WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        }
        return response;
    }

    public async Task<string> CreateConversationAsync(string user1, string user2)
    {
        ApiResponse response = await PostAsync("createConversation", new { user1, user2 });
        response.AssertStatus(HttpStatusCode.OK);
        return response.Json.GetProperty("conversationId").GetString()!;
    }

    public async Task<JsonElement> SendAsync(string conversationId, string sender, string content)
    {
        ApiResponse response = await PostAsync("sendMessage", new { conversationId, sender, content });
        response.AssertStatus(HttpStatusCode.OK);
        return response.Json.GetProperty("message");
    }

    public void Dispose() => http.Dispose();
}

internal sealed record ApiResponse(HttpStatusCode Status, JsonElement Json, string Text)
{
    public static async Task<ApiResponse> ReadAsync(HttpResponseMessage response)
    {
        string text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        JsonElement json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return new ApiResponse(response.StatusCode, json, text);
    }

    public void AssertStatus(HttpStatusCode expected) =>
        Assert.True(Status == expected, $"Expected {(int)expected}, got {(int)Status}: {Text}");

    /// <summary>Asserts a client error in the API's shape, <c>{"error": "..."}</c>, and returns the message.</summary>
    public string AssertError(HttpStatusCode expected)
    {
        AssertStatus(expected);
        Assert.Equal(JsonValueKind.Object, Json.ValueKind);
        string error = Json.GetProperty("error").GetString()!;
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.Single(Json.EnumerateObject());
        return error;
    }
}
