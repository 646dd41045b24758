using System.Globalization;

namespace Messaging.Functions.Hosting;

/// <summary>
/// The one place that decides whether the app runs as an Azure Functions custom handler. The host starts the
/// handler with the port to listen on in <c>FUNCTIONS_CUSTOMHANDLER_PORT</c> (older hosts:
/// <c>FUNCTIONS_HTTPWORKER_PORT</c>); environment variables are part of the app's configuration.
/// </summary>
internal static class FunctionsHost
{
    public const string PortSetting = "FUNCTIONS_CUSTOMHANDLER_PORT";
    private const string LegacyPortSetting = "FUNCTIONS_HTTPWORKER_PORT";

    /// <summary>The port the Functions host forwards to, or null when the app runs on its own.</summary>
    public static int? HandlerPort(IConfiguration configuration)
    {
        string? value = configuration[PortSetting] ?? configuration[LegacyPortSetting];
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int port) ? port : null;
    }

    public static bool IsHosting(IConfiguration configuration) => HandlerPort(configuration) is not null;
}
