using Messaging.Core;

namespace Messaging.Functions.Http;

/// <summary>The one place that turns a use case's <see cref="Error"/> into an HTTP response.</summary>
public static class ErrorResults
{
    public static IResult ToHttp(this Error error) => TypedResults.Json(
        new ErrorBody(error.Message),
        statusCode: error.Kind switch
        {
            ErrorKind.Invalid => StatusCodes.Status400BadRequest,
            ErrorKind.NotFound => StatusCodes.Status404NotFound,
            ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
            ErrorKind.Conflict => StatusCodes.Status409Conflict,
            _ => throw new ArgumentOutOfRangeException(nameof(error), error.Kind, "Unknown error kind."),
        });
}
