using System.Net.Http.Json;
using System.Text.Json;

namespace Messaging.Web.Tests.Infrastructure;

/// <summary>The test's own calls to the API, to set things up and to compare what a page shows with what it holds.</summary>
internal static class Api
{
    public static async Task<JsonElement> PostAsync(this HttpClient http, string action, object body)
    {
        using HttpResponseMessage response = await http.PostAsJsonAsync($"/api/Messaging/{action}", body);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{action} -> {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The ids and texts of the conversation's messages as <paramref name="user"/> sees them, system messages aside.</summary>
    public static async Task<IReadOnlyList<(string Id, string Content)>> HistoryAsync(this HttpClient http, string conversationId, string user)
    {
        JsonElement messages = await http.PostAsync("_getMessagesInConversation", new { conversationId, user });
        return [.. messages.EnumerateArray()
            .Where(m => !m.TryGetProperty("type", out JsonElement type) || type.GetString() != "system")
            .Select(m => (m.GetProperty("_id").GetString()!, m.TryGetProperty("deleted", out _) ? "This message was deleted." : m.GetProperty("content").GetString()!))];
    }
}
