using System.Security.Cryptography;
using System.Text;

namespace Messaging.Storage.Tests.Tables;

/// <summary>
/// The Table Shared Key signature written straight from the protocol doc (azure-protocols.md §4.2), independent
/// of the client's policy, to check what it sends.
/// </summary>
internal static class SharedKeyReference
{
    public static string Authorization(string verb, string contentType, string xmsDate, string account, Uri uri, string base64Key)
    {
        string canon = "/" + account + uri.AbsolutePath;
        string stringToSign = $"{verb}\n\n{contentType}\n{xmsDate}\n{canon}";
        using var mac = new HMACSHA256(Convert.FromBase64String(base64Key));
        return $"SharedKey {account}:{Convert.ToBase64String(mac.ComputeHash(Encoding.UTF8.GetBytes(stringToSign)))}";
    }

    public static string For(RecordedRequest request, string account, string base64Key) =>
        Authorization(request.Method, request.Header("Content-Type") ?? string.Empty, request.Header("x-ms-date")!, account, request.Uri, base64Key);
}
