using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Messaging.Azure.Tests.ServiceBus;

/// <summary>
/// Reads a <c>SharedAccessSignature sr=..&amp;sig=..&amp;se=..&amp;skn=..</c> header and checks its signature the way
/// the protocol doc writes it, without the client's code: Base64(HMAC-SHA256(UTF-8 key, "{encoded sr}\n{se}")).
/// </summary>
internal sealed record SasReference(string EncodedResource, string Signature, long Expiry, string KeyName)
{
    private const string Prefix = "SharedAccessSignature ";

    public string Resource => WebUtility.UrlDecode(EncodedResource);

    public static SasReference Parse(string? header)
    {
        Assert.NotNull(header);
        Assert.StartsWith(Prefix, header, StringComparison.Ordinal);
        Dictionary<string, string> fields = header[Prefix.Length..]
            .Split('&')
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1]);
        Assert.Equal(["sr", "sig", "se", "skn"], fields.Keys);
        return new SasReference(
            fields["sr"],
            WebUtility.UrlDecode(fields["sig"]),
            long.Parse(fields["se"], CultureInfo.InvariantCulture),
            WebUtility.UrlDecode(fields["skn"]));
    }

    public string ExpectedSignature(string key) =>
        Convert.ToBase64String(HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(key),
            Encoding.UTF8.GetBytes(EncodedResource + "\n" + Expiry.ToString(CultureInfo.InvariantCulture))));
}
