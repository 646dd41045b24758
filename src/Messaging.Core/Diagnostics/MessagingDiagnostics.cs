using System.Diagnostics;

namespace Messaging.Core.Diagnostics;

/// <summary>
/// The names under which the app emits traces and metrics. Only the BCL's <see cref="ActivitySource"/> and
/// <c>Meter</c> are used here; the host decides whether and where they are exported.
/// </summary>
public static class MessagingDiagnostics
{
    /// <summary>The name of the app's <see cref="ActivitySource"/> and <c>Meter</c>.</summary>
    public const string Name = "Messaging";

    /// <summary>Spans for publishing and fanning out events (storage spans come from the Azure SDK).</summary>
    public static readonly ActivitySource Source = new(Name);
}
