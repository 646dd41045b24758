using System.Text;

namespace Messaging.Storage.Tables;

/// <summary>
/// The multipart body of a <c>$batch</c> request: one changeset holding one <c>application/http</c> part per action.
/// </summary>
/// <remarks>
/// Built as text with CRLF line endings rather than with <c>MultipartContent</c>, whose quoted boundary would have
/// to be signed exactly. Sub-requests use absolute URLs and single-line JSON bodies, as Azurite requires.
/// </remarks>
internal sealed class BatchRequest(Guid batchId, Guid changesetId)
{
    private const string Crlf = "\r\n";
    private readonly string _batchBoundary = "batch_" + batchId.ToString("D");
    private readonly string _changesetBoundary = "changeset_" + changesetId.ToString("D");
    private readonly StringBuilder _changeset = new();

    /// <summary>The <c>Content-Type</c> of the outer request; it is signed, so it must be sent exactly like this.</summary>
    public string ContentType => "multipart/mixed; boundary=" + _batchBoundary;

    public int Count { get; private set; }

    /// <summary>Adds one operation.</summary>
    /// <param name="method">The HTTP method (POST, PUT, MERGE, DELETE).</param>
    /// <param name="absoluteUrl">The operation's absolute URL.</param>
    /// <param name="ifMatch">The If-Match value, or <c>null</c> for none.</param>
    /// <param name="jsonBody">The entity JSON (one line), or <c>null</c> for none.</param>
    public void Add(string method, string absoluteUrl, string? ifMatch, byte[]? jsonBody)
    {
        _changeset.Append("--").Append(_changesetBoundary).Append(Crlf)
            .Append("Content-Type: application/http").Append(Crlf)
            .Append("Content-Transfer-Encoding: binary").Append(Crlf)
            .Append(Crlf)
            .Append(method).Append(' ').Append(absoluteUrl).Append(" HTTP/1.1").Append(Crlf);
        if (jsonBody is not null)
        {
            _changeset.Append("Content-Type: application/json").Append(Crlf);
        }
        _changeset.Append("Accept: application/json;odata=minimalmetadata").Append(Crlf);
        if (method == "POST")
        {
            _changeset.Append("Prefer: return-no-content").Append(Crlf);
        }
        if (ifMatch is not null)
        {
            _changeset.Append("If-Match: ").Append(ifMatch).Append(Crlf);
        }
        _changeset.Append(Crlf);
        if (jsonBody is not null)
        {
            _changeset.Append(Encoding.UTF8.GetString(jsonBody)).Append(Crlf);
        }
        Count++;
    }

    public byte[] ToBody()
    {
        var body = new StringBuilder(_changeset.Length + 256)
            .Append("--").Append(_batchBoundary).Append(Crlf)
            .Append("Content-Type: multipart/mixed; boundary=").Append(_changesetBoundary).Append(Crlf)
            .Append(Crlf)
            .Append(_changeset)
            .Append("--").Append(_changesetBoundary).Append("--").Append(Crlf)
            .Append("--").Append(_batchBoundary).Append("--").Append(Crlf);
        return Encoding.UTF8.GetBytes(body.ToString());
    }
}
