using System.Reflection.PortableExecutable;
using System.Runtime.Versioning;
using Messaging.Functions.Identity;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Messaging.Deploy.Tests;

/// <summary>What keeps the published app's cold start short (measured by bench's cold-start scenario, not here).</summary>
public sealed class StartupCostTests(PublishedFolder published)
{
    /// <summary>The app's own assemblies and its packages', precompiled rather than JIT-compiled at every start.</summary>
    public static TheoryData<string> PrecompiledAssemblies =>
        ["Messaging.Functions.dll", "Messaging.Core.dll", "Messaging.Storage.dll", "Azure.Core.dll", "Azure.Data.Tables.dll", "Microsoft.IdentityModel.Tokens.dll"];

    [Theory]
    [MemberData(nameof(PrecompiledAssemblies))]
    [UnsupportedOSPlatform("windows")]
    public void PublishedAssembly_IsReadyToRun(string assembly)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "The publish script is bash and builds for Linux.");
        Assert.True(published.Run.ExitCode == 0, published.Run.Describe());

        using var reader = new PEReader(File.OpenRead(Path.Combine(published.Output, "app", assembly)));

        // ReadyToRun code is described by the managed native header, which IL-only assemblies lack.
        CorHeader header = reader.PEHeaders.CorHeader ?? throw new InvalidOperationException($"{assembly} is not a .NET assembly.");
        Assert.True(header.ManagedNativeHeaderDirectory.Size > 0, $"{assembly} is IL only: publish did not precompile it.");
    }

    [Fact]
    public void AddMessagingAuth_DataProtectionKeyRing_NotLoadedAtStart()
    {
        var framework = new ServiceCollection();
        framework.AddAuthentication();
        var app = new ServiceCollection();
        app.AddMessagingAuth();

        // The framework registers the warm-up (if it stops, this check can go); the app takes it out again.
        Assert.Single(framework, IsDataProtectionHostedService);
        Assert.DoesNotContain(app, IsDataProtectionHostedService);
    }

    private static bool IsDataProtectionHostedService(ServiceDescriptor descriptor) =>
        descriptor.ServiceType == typeof(IHostedService) && !descriptor.IsKeyedService
        && descriptor.ImplementationType?.Assembly == typeof(DataProtectionOptions).Assembly;
}
