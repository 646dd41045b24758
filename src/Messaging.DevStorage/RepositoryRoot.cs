namespace Messaging.DevStorage;

/// <summary>Finds the repository root (the folder holding Messaging.sln), where local tool and data folders live.</summary>
public static class RepositoryRoot
{
    /// <summary>The nearest ancestor of <paramref name="start"/> that holds Messaging.sln, or null.</summary>
    public static string? Find(string start)
    {
        for (DirectoryInfo? directory = new(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Messaging.sln")))
            {
                return directory.FullName;
            }
        }
        return null;
    }

    /// <summary>The folder Azurite is installed into and keeps its data in: <c>.azurite</c> at the root (git-ignored).</summary>
    public static string AzuriteDirectory(string start) =>
        Path.Combine(Find(start) ?? start, ".azurite");
}
