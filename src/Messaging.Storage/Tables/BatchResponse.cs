using System.Globalization;
using System.Text;
using Azure;

namespace Messaging.Storage.Tables;

/// <summary>
/// Splits a <c>$batch</c> response (<c>multipart/mixed</c>, one changeset) into one <see cref="Response"/> per operation.
/// On failure the changeset holds a single error response instead.
/// </summary>
internal static class BatchResponse
{
    /// <exception cref="FormatException">The body is not the multipart structure the service sends.</exception>
    public static IReadOnlyList<Response> Parse(Response response)
    {
        if (!response.Headers.TryGetValue("Content-Type", out string? contentType))
        {
            throw new FormatException("The batch response has no Content-Type.");
        }
        string body = response.Content.ToString();
        var operations = new List<Response>();
        foreach (string part in SplitParts(body, Boundary(contentType)))
        {
            (Dictionary<string, List<string>> headers, string content) = SplitHeaders(part);
            string partType = headers.TryGetValue("Content-Type", out List<string>? types) ? types[0] : string.Empty;
            if (partType.StartsWith("multipart/mixed", StringComparison.OrdinalIgnoreCase))
            {
                foreach (string operation in SplitParts(content, Boundary(partType)))
                {
                    operations.Add(ParseHttpResponse(SplitHeaders(operation).Body));
                }
            }
            else
            {
                // A batch-level error can come as a bare application/http part, without a changeset.
                operations.Add(ParseHttpResponse(content));
            }
        }
        return operations;
    }

    private static string Boundary(string contentType)
    {
        foreach (string parameter in contentType.Split(';', StringSplitOptions.TrimEntries))
        {
            if (parameter.StartsWith("boundary=", StringComparison.OrdinalIgnoreCase))
            {
                return parameter["boundary=".Length..].Trim('"');
            }
        }
        throw new FormatException("The multipart Content-Type has no boundary.");
    }

    /// <summary>The parts between <c>--boundary</c> lines, up to <c>--boundary--</c>.</summary>
    private static List<string> SplitParts(string body, string boundary)
    {
        string delimiter = "--" + boundary;
        var parts = new List<string>();
        int index = body.IndexOf(delimiter, StringComparison.Ordinal);
        while (index >= 0)
        {
            int afterDelimiter = index + delimiter.Length;
            if (string.CompareOrdinal(body, afterDelimiter, "--", 0, 2) == 0)
            {
                return parts;
            }
            int start = body.IndexOf('\n', afterDelimiter);
            if (start < 0)
            {
                break;
            }
            start++;
            int next = body.IndexOf(delimiter, start, StringComparison.Ordinal);
            if (next < 0)
            {
                break;
            }
            // The line break before a delimiter belongs to the delimiter.
            int end = next;
            if (end > start && body[end - 1] == '\n')
            {
                end--;
            }
            if (end > start && body[end - 1] == '\r')
            {
                end--;
            }
            parts.Add(body[start..end]);
            index = next;
        }
        throw new FormatException("The multipart body is not closed by its boundary.");
    }

    private static (Dictionary<string, List<string>> Headers, string Body) SplitHeaders(string part)
    {
        var headers = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        int position = 0;
        while (position < part.Length)
        {
            int lineEnd = part.IndexOf('\n', position);
            string line = (lineEnd < 0 ? part[position..] : part[position..lineEnd]).TrimEnd('\r');
            position = lineEnd < 0 ? part.Length : lineEnd + 1;
            if (line.Length == 0)
            {
                break;
            }
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                string name = line[..colon].Trim();
                if (!headers.TryGetValue(name, out List<string>? values))
                {
                    headers[name] = values = [];
                }
                values.Add(line[(colon + 1)..].Trim());
            }
        }
        return (headers, part[position..]);
    }

    /// <summary>Parses <c>HTTP/1.1 204 No Content</c>, its headers and body.</summary>
    private static BatchOperationResponse ParseHttpResponse(string text)
    {
        int lineEnd = text.IndexOf('\n', StringComparison.Ordinal);
        string statusLine = (lineEnd < 0 ? text : text[..lineEnd]).TrimEnd('\r');
        string[] words = statusLine.Split(' ', 3);
        if (words.Length < 2 || !words[0].StartsWith("HTTP/", StringComparison.Ordinal)
            || !int.TryParse(words[1], NumberStyles.None, CultureInfo.InvariantCulture, out int status))
        {
            throw new FormatException("A batch operation's response has no HTTP status line.");
        }
        (Dictionary<string, List<string>> headers, string body) = SplitHeaders(lineEnd < 0 ? string.Empty : text[(lineEnd + 1)..]);
        return new BatchOperationResponse(status, words.Length > 2 ? words[2] : string.Empty, headers, Encoding.UTF8.GetBytes(body));
    }
}
