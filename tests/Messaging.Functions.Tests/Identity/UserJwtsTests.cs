using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Messaging.DevStorage;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration.UserSecrets;

namespace Messaging.Functions.Tests.Identity;

/// <summary>
/// The README's recipe for local tokens: <c>dotnet user-jwts create --project src/Messaging.Functions --name alice</c>,
/// then <c>Auth__Mode=Jwt</c>. The tool runs against a copy of the project with a user-secrets id of its own, so the
/// developer's secrets are untouched; the app then reads that copy's secrets as it reads its own in Development.
/// </summary>
public partial class UserJwtsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ReadmeRecipe_TokenFromTheTool_ActsAsThatUser()
    {
        using var project = await ProjectCopy.CreateAsync();

        string token = await project.UserJwtsAsync("create", "--project", "src/Messaging.Functions", "--name", "alice", "--output", "token");
        await using var app = new MessagingApp(azurite, settings: new Dictionary<string, string?> { ["Auth:Mode"] = "Jwt" },
            configureHost: host => host.ConfigureAppConfiguration(configuration => configuration.AddJsonFile(project.SecretsPath)));
        using var alice = new ApiClient(app.CreateClient().As(token));
        ApiResponse created = await alice.PostAsync("createConversation", new { user2 = "bob" });
        ApiResponse mine = await alice.PostAsync("_getConversationsForUser", new { });

        created.AssertStatus(HttpStatusCode.OK);
        System.Text.Json.JsonElement conversation = Assert.Single(mine.Json.EnumerateArray());
        Assert.Equal(("alice", "bob"), (conversation.GetProperty("participant1").GetString(), conversation.GetProperty("participant2").GetString()));
        // The tool writes the audiences and issuer into appsettings.Development.json: ours already holds them,
        // so running the recipe changes no file in the repository.
        Assert.Equal(
            await File.ReadAllTextAsync(Path.Combine(ProjectCopy.Source, "appsettings.Development.json"), TestContext.Current.CancellationToken),
            await File.ReadAllTextAsync(Path.Combine(project.ProjectDirectory, "appsettings.Development.json"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ReadmeRecipe_WithoutTheToolsSigningKey_TokenRefused()
    {
        using var project = await ProjectCopy.CreateAsync();

        string token = await project.UserJwtsAsync("create", "--project", "src/Messaging.Functions", "--name", "alice", "--output", "token");
        Dictionary<string, string?> settings = Tokens.JwtSettings; // another key; audience and issuer still the tool's
        await using var app = new MessagingApp(azurite, settings: settings);
        using HttpClient http = app.CreateClient().As(token);
        HttpResponseMessage response = await http.PostAsync("/api/Messaging/_getConversationsForUser", new StringContent("{}"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("signature", (await ApiResponse.ReadAsync(response)).AssertError(HttpStatusCode.Unauthorized), StringComparison.Ordinal);
    }

    [GeneratedRegex("<UserSecretsId>[^<]*</UserSecretsId>")]
    private static partial Regex UserSecretsId();

    /// <summary>The files <c>dotnet user-jwts</c> reads and writes, copied to a temporary folder laid out like the repository.</summary>
    private sealed class ProjectCopy : IDisposable
    {
        private readonly string _root = Directory.CreateTempSubdirectory("user-jwts-").FullName;
        private readonly string _secretsId = Guid.NewGuid().ToString();

        public static string Repository { get; } = RepositoryRoot.Find(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException("Messaging.sln not found above the test folder.");

        public static string Source => Path.Combine(Repository, "src", "Messaging.Functions");

        public string ProjectDirectory => Path.Combine(_root, "src", "Messaging.Functions");

        public string SecretsPath => PathHelper.GetSecretsPathFromSecretsId(_secretsId);

        public static async Task<ProjectCopy> CreateAsync()
        {
            var copy = new ProjectCopy();
            foreach (string file in new[] { "Directory.Build.props", "Directory.Packages.props", "BannedSymbols.txt", "global.json" })
            {
                File.Copy(Path.Combine(Repository, file), Path.Combine(copy._root, file));
            }
            Directory.CreateDirectory(Path.Combine(copy.ProjectDirectory, "Properties"));
            foreach (string file in new[] { "appsettings.json", "appsettings.Development.json", Path.Combine("Properties", "launchSettings.json") })
            {
                File.Copy(Path.Combine(Source, file), Path.Combine(copy.ProjectDirectory, file));
            }
            string project = await File.ReadAllTextAsync(Path.Combine(Source, "Messaging.Functions.csproj"), TestContext.Current.CancellationToken);
            Assert.Matches(UserSecretsId(), project); // the tool would otherwise add one to the real project file
            await File.WriteAllTextAsync(Path.Combine(copy.ProjectDirectory, "Messaging.Functions.csproj"),
                UserSecretsId().Replace(project, $"<UserSecretsId>{copy._secretsId}</UserSecretsId>"), TestContext.Current.CancellationToken);
            return copy;
        }

        /// <summary>Runs <c>dotnet user-jwts</c> in the copy's root, as the README's command runs in the repository's; its output.</summary>
        public async Task<string> UserJwtsAsync(params string[] arguments)
        {
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                WorkingDirectory = _root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.ArgumentList.Add("user-jwts");
            foreach (string argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }
            using Process process = Process.Start(start)!;
            Task<string> stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            Task<string> stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);
            Assert.True(process.ExitCode == 0, $"dotnet user-jwts exited with {process.ExitCode}: {await stdout} {await stderr}");
            return (await stdout).Trim();
        }

        public void Dispose()
        {
            Directory.Delete(_root, recursive: true);
            if (Path.GetDirectoryName(SecretsPath) is { } secrets && Directory.Exists(secrets))
            {
                Directory.Delete(secrets, recursive: true);
            }
        }
    }
}
