using Messaging.SignalRService;
using Microsoft.Extensions.Options;

namespace Messaging.Functions.AzureServices;

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
