using Microsoft.Extensions.Options;

namespace Messaging.Functions.Hosting;

/// <summary>
/// Turns a configuration error found at start (options validation, a value that does not convert) into the one
/// line the app prints before exiting with 1, like the missing-Node.js case: the operator needs the setting to fix,
/// not a stack trace.
/// </summary>
internal static class StartupFailure
{
    /// <summary>
    /// Whether the app is the process (dotnet run, dotnet Messaging.Functions.dll, the Functions host's child),
    /// so an exit code is its answer; in a test's WebApplicationFactory the error must reach the test instead.
    /// </summary>
    public static bool OwnsProcess => System.Reflection.Assembly.GetEntryAssembly() == typeof(Program).Assembly;

    /// <summary>One line describing <paramref name="error"/>, or null when it is not a configuration error (a bug: let it crash).</summary>
    public static string? Describe(Exception error)
    {
        IEnumerable<Exception> errors = error is AggregateException aggregate ? aggregate.Flatten().InnerExceptions : [error];
        List<string> messages = [];
        foreach (Exception each in errors)
        {
            if (each is OptionsValidationException invalid)
            {
                messages.AddRange(invalid.Failures);
            }
            else if (each is InvalidOperationException && each.Source == "Microsoft.Extensions.Configuration.Binder")
            {
                messages.Add(each.Message); // "Failed to convert configuration value at 'Auth:Mode' to type ..."
            }
            else
            {
                return null;
            }
        }
        return messages.Count == 0 ? null
            : "Configuration error: " + string.Join(" ", messages).ReplaceLineEndings(" ");
    }
}
