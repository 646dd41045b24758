namespace Messaging.Core.Identity;

internal static class AccessErrors
{
    public static readonly Error NotParticipant = Error.Forbidden("Only participants can read this conversation.");

    public static readonly Error NotAdmin = Error.Forbidden("This query needs the admin role.");
}
