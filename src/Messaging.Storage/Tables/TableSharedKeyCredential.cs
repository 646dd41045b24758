using System.Security.Cryptography;
using System.Text;

namespace Messaging.Storage.Tables;

/// <summary>A storage account name and key, for Shared Key authorization (Azurite, or Azure without Entra ID).</summary>
public class TableSharedKeyCredential
{
    private byte[] _key;

    /// <summary>Creates the credential.</summary>
    /// <param name="accountName">The storage account name, e.g. <c>devstoreaccount1</c>.</param>
    /// <param name="accountKey">The account key, Base64 as shown in the portal.</param>
    /// <exception cref="ArgumentException">A value is null or empty, or the key is not Base64.</exception>
    public TableSharedKeyCredential(string accountName, string accountKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountName);
        AccountName = accountName;
        _key = DecodeKey(accountKey);
    }

    /// <summary>The storage account name.</summary>
    public string AccountName { get; }

    /// <summary>Replaces the key (after a rotation); requests signed afterwards use the new one.</summary>
    /// <exception cref="ArgumentException">The key is null, empty or not Base64.</exception>
    public void SetAccountKey(string accountKey) => _key = DecodeKey(accountKey);

    /// <summary>Base64 HMAC-SHA256 of <paramref name="stringToSign"/> under the account key.</summary>
    internal string ComputeSignature(string stringToSign) =>
        Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(stringToSign)));

    private static byte[] DecodeKey(string accountKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountKey);
        try
        {
            return Convert.FromBase64String(accountKey);
        }
        catch (FormatException)
        {
            // The key itself is never put into the message: it would end up in logs.
            throw new ArgumentException("The account key is not valid Base64.", nameof(accountKey));
        }
    }
}
