namespace Messaging.DevStorage;

/// <summary>Node.js (which runs Azurite) is not installed.</summary>
public sealed class NodeMissingException(string message) : Exception(message);
