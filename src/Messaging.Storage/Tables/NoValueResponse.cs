using Azure;

namespace Messaging.Storage.Tables;

/// <summary>The answer of <see cref="TableClient.GetEntityIfExistsAsync{T}"/> when the entity does not exist.</summary>
internal sealed class NoValueResponse<T>(Response response) : NullableResponse<T>
{
    public override bool HasValue => false;

    public override T? Value => throw new InvalidOperationException("The entity does not exist; check HasValue first.");

    public override Response GetRawResponse() => response;
}
