using System.Diagnostics;

namespace Messaging.Functions.Tests.Infrastructure;

/// <summary>Waits for background work (the event pump) to reach a state, failing after a generous timeout.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, int timeoutSeconds = 15)
    {
        var elapsed = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(elapsed.Elapsed < TimeSpan.FromSeconds(timeoutSeconds), "The condition did not become true in time.");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Probes until <paramref name="done"/> holds for the result, and returns that result.</summary>
    public static async Task<T> MatchesAsync<T>(Func<Task<T>> probe, Func<T, bool> done, int timeoutSeconds = 15)
    {
        var elapsed = Stopwatch.StartNew();
        while (true)
        {
            T value = await probe();
            if (done(value))
            {
                return value;
            }
            Assert.True(elapsed.Elapsed < TimeSpan.FromSeconds(timeoutSeconds), $"The condition did not hold in time; last: {value}");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Waits until <paramref name="probe"/> returns a value, and returns it.</summary>
    public static async Task<T> ReturnsAsync<T>(Func<T?> probe, int timeoutSeconds = 15)
        where T : class
    {
        var elapsed = Stopwatch.StartNew();
        while (true)
        {
            if (probe() is { } value)
            {
                return value;
            }
            Assert.True(elapsed.Elapsed < TimeSpan.FromSeconds(timeoutSeconds), "The value did not appear in time.");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
