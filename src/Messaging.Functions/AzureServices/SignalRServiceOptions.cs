using Messaging.SignalRService;
using Microsoft.Extensions.Options;

namespace Messaging.Functions.AzureServices;

/// <summary>
/// Azure SignalR Service, from the root setting <see cref="MessagingServiceCollectionExtensions.SignalRConnectionSetting"/>
/// (the <c>fanout</c> function's output binding reads the same one). Empty: the app's own hub serves clients.
/// </summary>
public sealed class SignalRServiceOptions
{
    /// <summary><c>Endpoint=https://{name}.service.signalr.net;AccessKey=…;Version=1.0;</c></summary>
    public string? ConnectionString { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ConnectionString);
}

/// <summary>
/// Parses the SignalR Service connection string at start, so a bad one stops the app there rather than failing the
/// first negotiate or typing indicator. <see cref="SignalRConnectionString"/>'s errors never contain the key.
/// </summary>
internal sealed class SignalRServiceOptionsValidator : IValidateOptions<SignalRServiceOptions>
{
    private const string Setting = MessagingServiceCollectionExtensions.SignalRConnectionSetting;

    public ValidateOptionsResult Validate(string? name, SignalRServiceOptions options)
    {
        if (!options.IsConfigured)
        {
            return ValidateOptionsResult.Success;
        }
        SignalRConnectionString parsed;
        try
        {
            parsed = SignalRConnectionString.Parse(options.ConnectionString!);
        }
        catch (FormatException ex)
        {
            return ValidateOptionsResult.Fail($"{Setting} is not a valid SignalR Service connection string: {ex.Message}");
        }
        return parsed.HasAccessKey
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{Setting} has no AccessKey (it uses AuthType={parsed.AuthType}), but this app signs client and REST "
                + "tokens with the access key. Use the service's connection string with its AccessKey.");
    }
}
