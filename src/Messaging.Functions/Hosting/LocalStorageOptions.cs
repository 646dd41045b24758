namespace Messaging.Functions.Hosting;

/// <summary>Local development storage. Bound from the <c>LocalStorage</c> section.</summary>
public sealed class LocalStorageOptions
{
    public const string SectionName = "LocalStorage";

    /// <summary>
    /// Start Azurite when the table endpoint is on this machine and nothing listens there. Defaults to true.
    /// </summary>
    public bool StartAzurite { get; set; } = true;

    /// <summary>Where Azurite is installed and keeps its data. Defaults to <c>.azurite</c> at the repository root.</summary>
    public string? Directory { get; set; }

    /// <summary>
    /// Also start Azurite's blob and queue services where <c>AzureWebJobsStorage</c> points (10000 and 10001 for
    /// <c>UseDevelopmentStorage=true</c>): the Functions host needs them under <c>func start</c>. Defaults to false.
    /// </summary>
    public bool StartBlobAndQueue { get; set; }

    /// <summary>Where Azurite keeps its data. Defaults to <c>data</c> inside <see cref="Directory"/>.</summary>
    public string? DataDirectory { get; set; }
}
