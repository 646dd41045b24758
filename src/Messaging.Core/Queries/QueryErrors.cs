namespace Messaging.Core.Queries;

internal static class QueryErrors
{
    public static readonly Error NotParticipant = Error.Forbidden("Only participants can read this conversation.");

    public static readonly Error NotAdmin = Error.Forbidden("This query needs the admin role.");
}
