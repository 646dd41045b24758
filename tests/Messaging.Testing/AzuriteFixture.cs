using System.Globalization;
using Messaging.DevStorage;
using Xunit;

namespace Messaging.Testing;

/// <summary>
/// One real Azurite Table service per test assembly, in memory, on a free port.
/// Tests isolate themselves by table name (<see cref="NewTableName"/>).
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteProcess? _azurite;
    private int _tables;

    /// <summary>Connection string of the running instance.</summary>
    public string ConnectionString => (_azurite ?? throw new InvalidOperationException("Azurite is not started.")).ConnectionString;

    /// <summary>A table name no other test in this run uses.</summary>
    public string NewTableName() =>
        "t" + Interlocked.Increment(ref _tables).ToString(CultureInfo.InvariantCulture) + Guid.NewGuid().ToString("N")[..12];

    /// <inheritdoc />
    public async ValueTask InitializeAsync() =>
        _azurite = await AzuriteProcess.StartAsync(RepositoryRoot.AzuriteDirectory(AppContext.BaseDirectory));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}
