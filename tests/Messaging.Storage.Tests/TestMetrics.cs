using System.Diagnostics.Metrics;
using Messaging.Storage.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.Storage.Tests;

/// <summary>Storage metrics on a private meter factory, for stores built by hand.</summary>
internal static class TestMetrics
{
    public static StorageMetrics Storage() =>
        new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());
}
