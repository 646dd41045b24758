namespace Messaging.Testing.Http;

/// <summary>A request as the listener received it.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Target">The request target exactly as sent (path and query, still escaped).</param>
/// <param name="Url">Scheme, <c>Host</c> header and <see cref="Target"/>: the URL the client called.</param>
/// <param name="Headers">Every header, multiple values joined with commas.</param>
/// <param name="Body">The body bytes.</param>
public sealed record RecordedRequest(string Method, string Target, string Url, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out string? value) ? value : null;
}
