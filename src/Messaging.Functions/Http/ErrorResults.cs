using System.Reflection;
using Messaging.Core;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;

namespace Messaging.Functions.Http;

/// <summary>
/// A use case's expected failure as an HTTP response: a 4xx with <c>{"error": ...}</c>. Endpoints declare it in
/// their <c>Results&lt;Ok&lt;T&gt;, ApiError&gt;</c> return type, which also documents the error shape in OpenAPI.
/// </summary>
public sealed class ApiError : IResult, IStatusCodeHttpResult, IValueHttpResult<ErrorBody>, IEndpointMetadataProvider
{
    private ApiError(int statusCode, string message)
    {
        StatusCode = statusCode;
        Value = new ErrorBody(message);
    }

    public int StatusCode { get; }

    public ErrorBody Value { get; }

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    /// <summary>The one mapping from an error kind to its status.</summary>
    public static ApiError From(Error error) => new(
        error.Kind switch
        {
            ErrorKind.Invalid => StatusCodes.Status400BadRequest,
            ErrorKind.NotFound => StatusCodes.Status404NotFound,
            ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
            ErrorKind.Conflict => StatusCodes.Status409Conflict,
            _ => throw new ArgumentOutOfRangeException(nameof(error), error.Kind, "Unknown error kind."),
        },
        error.Message);

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCode;
        return httpContext.Response.WriteAsJsonAsync(Value, MessagingJsonContext.Default.ErrorBody);
    }

    /// <summary>Every status a client error of the API can have, each with the <see cref="ErrorBody"/> shape.</summary>
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        foreach (int status in (int[])[400, 403, 404, 409])
        {
            builder.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(ErrorBody), ["application/json"]));
        }
    }
}

public static class ErrorResults
{
    public static ApiError ToHttp(this Error error) => ApiError.From(error);

    /// <summary>A use case's outcome as the endpoint's answer: 200 with <paramref name="respond"/>'s body, or the error.</summary>
    public static Results<Ok<TResponse>, ApiError> ToHttp<TValue, TResponse>(this Result<TValue> result, Func<TValue, TResponse> respond) =>
        result.IsSuccess ? TypedResults.Ok(respond(result.Value)) : result.Error.ToHttp();
}
