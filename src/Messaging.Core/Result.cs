using System.Diagnostics.CodeAnalysis;

namespace Messaging.Core;

/// <summary>What kind of expected failure a use case reports; endpoints map each to one HTTP status.</summary>
public enum ErrorKind
{
    Invalid,
    NotFound,
    Forbidden,
    Conflict,
}

/// <summary>An expected failure with a message fit to show the caller.</summary>
public sealed record Error(ErrorKind Kind, string Message)
{
    public static Error Invalid(string why) => new(ErrorKind.Invalid, why);

    public static Error NotFound(string what) => new(ErrorKind.NotFound, $"{what} was not found.");

    public static Error Forbidden(string why) => new(ErrorKind.Forbidden, why);

    public static Error Conflict(string why) => new(ErrorKind.Conflict, why);
}

/// <summary>The outcome of an action: a value or an <see cref="Core.Error"/>.</summary>
public sealed class Result<T>
{
    private Result(T? value, Error? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public Error? Error { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    public static Result<T> Ok(T value) => new(value, null);

#pragma warning disable CA2225 // the implicit conversion is the point: `return Error.NotFound(...)`
    public static implicit operator Result<T>(Error error) => new(default, error);
#pragma warning restore CA2225
}
