namespace Messaging.Storage.Tests.Tables;

/// <summary>A clock that says what the test tells it, moving on by <see cref="Step"/> after each reading.</summary>
internal sealed class ManualTimeProvider(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset _now = now;

    public TimeSpan Step { get; init; }

    public override DateTimeOffset GetUtcNow()
    {
        DateTimeOffset current = _now;
        _now += Step;
        return current;
    }
}
