using System.Net;
using System.Security.Cryptography;
using System.Text;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;

namespace Messaging.Functions.Tests.Identity;

/// <summary><c>Auth:SigningKey</c> is the UTF-8 bytes of its text, or the decoded bytes after a <c>base64:</c> prefix.</summary>
public class SigningKeyTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task RawKey_TokenSignedWithItsUtf8Bytes_Accepted()
    {
        const string key = "a raw secret, read as UTF-8: ключ-0123456789";
        await using var app = new MessagingApp(azurite, settings: WithKey(key), environment: "Production");

        HttpStatusCode status = await StatusAsync(app, Tokens.For("alice", keyBytes: Encoding.UTF8.GetBytes(key)));

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task Base64Key_TokenSignedWithTheDecodedBytes_AcceptedAndNotWithTheText()
    {
        byte[] bytes = RandomNumberGenerator.GetBytes(48); // not UTF-8 text: only base64 can carry it
        string key = "base64:" + Convert.ToBase64String(bytes);
        await using var app = new MessagingApp(azurite, settings: WithKey(key), environment: "Production");

        HttpStatusCode decoded = await StatusAsync(app, Tokens.For("alice", keyBytes: bytes));
        HttpStatusCode asText = await StatusAsync(app, Tokens.For("alice", key: key));

        Assert.Equal(HttpStatusCode.OK, decoded);
        Assert.Equal(HttpStatusCode.Unauthorized, asText);
    }

    [Theory]
    [InlineData("base64:not base64 at all!", "is not valid base64")]
    [InlineData("base64:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==", "at least 32 bytes")] // 31 bytes decoded, 44 characters
    public async Task Base64Key_InvalidOrShortOnceDecoded_RefusedAtStart(string key, string expected)
    {
        await using var app = new MessagingApp(azurite, settings: WithKey(key), environment: "Production");

        Exception error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains(expected, error.ToString(), StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> WithKey(string key)
    {
        Dictionary<string, string?> settings = Tokens.JwtSettings;
        settings["Auth:SigningKey"] = key;
        return settings;
    }

    private static async Task<HttpStatusCode> StatusAsync(MessagingApp app, string token)
    {
        using HttpClient http = app.CreateClient().As(token);
        HttpResponseMessage response = await http.PostAsync("/api/Messaging/_getConversationsForUser", new StringContent("{}"), TestContext.Current.CancellationToken);
        return response.StatusCode;
    }
}
