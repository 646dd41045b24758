using System.Diagnostics;
using Messaging.Functions.Tests.Infrastructure;

namespace Messaging.Functions.Tests.Hosting;

/// <summary>
/// The built app, run as a process the way an operator runs it, stops on bad configuration with exit code 1 and
/// one line on stderr saying what to fix: no stack trace, no secret.
/// </summary>
public class StartupFailureTests
{
    private const string ShortSecret = "short-secret-value";

    public static TheoryData<string, Dictionary<string, string>> BadSettings() => new()
    {
        { "neither Auth:Authority nor Auth:SigningKey", new() { ["Auth__Mode"] = "Jwt", ["Auth__Audience"] = "a" } },
        { "Auth:SigningKey must be at least 32 bytes", new() { ["Auth__Mode"] = "Jwt", ["Auth__Audience"] = "a", ["Auth__Issuer"] = "i", ["Auth__SigningKey"] = ShortSecret } },
        { "Auth:SigningKey starts with base64: but", new() { ["Auth__Mode"] = "Jwt", ["Auth__Audience"] = "a", ["Auth__Issuer"] = "i", ["Auth__SigningKey"] = "base64:" + ShortSecret + "!!" } },
        { "allowed only in the Development environment", new() { ["Auth__Mode"] = "None" } },
        { "Cors:AllowedOrigins:0 \"ftp://chat.example\" is not an origin", JwtWith("Cors__AllowedOrigins__0", "ftp://chat.example") },
        { "RateLimiting:Burst must be at least 1", JwtWith("RateLimiting__Burst", "0") },
        { "Failed to convert configuration value 'Sometimes' at 'Auth:Mode'", new() { ["Auth__Mode"] = "Sometimes" } },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task Start_BadConfiguration_OneLineOnStderrAndExitCode1(string expected, Dictionary<string, string> settings)
    {
        (int exitCode, string stdout, string stderr) = await RunAppAsync(settings);

        Assert.Equal(1, exitCode);
        string line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("Configuration error: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", stdout + stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(ShortSecret, stdout + stderr, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> JwtWith(string key, string value) => new()
    {
        ["Auth__Mode"] = "Jwt",
        ["Auth__Audience"] = Tokens.Audience,
        ["Auth__Issuer"] = Tokens.Issuer,
        ["Auth__SigningKey"] = Tokens.SigningKey,
        [key] = value,
    };

    /// <summary>Runs <c>dotnet Messaging.Functions.dll</c> in Production with <paramref name="settings"/> as environment variables.</summary>
    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAppAsync(Dictionary<string, string> settings)
    {
        string app = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(app)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(app);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["TableStorage__ConnectionString"] = "UseDevelopmentStorage=true";
        start.Environment["LocalStorage__StartAzurite"] = "false";
        start.Environment["urls"] = "http://127.0.0.1:0"; // should it start after all, it takes no fixed port
        foreach ((string key, string value) in settings)
        {
            start.Environment[key] = value;
        }
        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        Task<string> stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The app did not exit: it started despite the bad configuration.");
        }
        return (process.ExitCode, await stdout, await stderr);
    }
}
