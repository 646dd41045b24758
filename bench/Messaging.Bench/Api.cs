using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Messaging.Bench;

/// <summary>The HTTP contract: POST /api/Messaging/{action} with a JSON object body.</summary>
internal sealed class Api(HttpClient http)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    /// <summary>Sends one request; the status code, for the load loops (the body is read and dropped, as a client would).</summary>
    public async Task<int> PostAsync(string action, byte[] body, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = Json;
        using HttpResponseMessage response = await http.PostAsync(new Uri("/api/Messaging/" + action, UriKind.Relative), content, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        return (int)response.StatusCode;
    }

    /// <summary>Sends one request; the status code and the body (for a load loop that needs the answer).</summary>
    public async Task<(int Status, string Body)> PostReadAsync(string action, byte[] body, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = Json;
        using HttpResponseMessage response = await http.PostAsync(new Uri("/api/Messaging/" + action, UriKind.Relative), content, cancellationToken);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    /// <summary>A setup call, which must succeed; its JSON answer.</summary>
    public async Task<JsonNode> MustAsync(string action, JsonObject body, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body.ToJsonString()));
        content.Headers.ContentType = Json;
        using HttpResponseMessage response = await http.PostAsync(new Uri("/api/Messaging/" + action, UriKind.Relative), content, cancellationToken);
        string text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"setup {action} -> HTTP {(int)response.StatusCode} {text[..Math.Min(text.Length, 200)]}");
        }
        return JsonNode.Parse(text) ?? throw new InvalidOperationException($"setup {action} answered null");
    }

    public async Task<string> CreateConversationAsync(string user1, string user2, CancellationToken cancellationToken) =>
        (await MustAsync("createConversation", new JsonObject { ["user1"] = user1, ["user2"] = user2 }, cancellationToken))["conversationId"]!.GetValue<string>();

    public static byte[] Body(JsonObject body) => Encoding.UTF8.GetBytes(body.ToJsonString());

    /// <summary><paramref name="length"/> characters of filler content that starts with <paramref name="tag"/>.</summary>
    public static string Content(string tag, int length) =>
        (tag + " lorem ipsum dolor sit amet").PadRight(length, '.')[..length];

    /// <summary>Runs <paramref name="work"/> over the items, <paramref name="parallelism"/> at a time.</summary>
    public static Task ForEachAsync<T>(IEnumerable<T> items, int parallelism, Func<T, CancellationToken, ValueTask> work, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, work);
}
