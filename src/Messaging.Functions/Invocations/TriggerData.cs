using System.Text.Json;

namespace Messaging.Functions.Invocations;

/// <summary>
/// Reads trigger data defensively: the host sends string data as a JSON string holding the JSON
/// serialization of the string (so a body arrives encoded twice), older hosts sent it once, and some
/// bindings send objects.
/// </summary>
public static class TriggerData
{
    /// <summary>The text of a string-typed binding value, however many times it was encoded.</summary>
    public static string Text(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return value.GetRawText();
        }
        string text = value.GetString()!;
        // Decode while what we hold is itself a JSON string literal.
        while (text.Length >= 2 && text[0] == '"' && text[^1] == '"')
        {
            try
            {
                text = JsonSerializer.Deserialize<string>(text) ?? string.Empty;
            }
            catch (JsonException)
            {
                break;
            }
        }
        return text;
    }
}
