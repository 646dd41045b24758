namespace Messaging.Core.Delivery;

/// <summary>
/// Delivered cursors, on the same member rows as the read cursors (loaded with them: <see cref="Reads.IReadCursorStore.LoadAsync"/>).
/// </summary>
public interface IDeliveryCursorStore
{
    /// <summary>
    /// Moves the delivered cursor as <paramref name="delivered"/> says, guarded by the member row's version, with the
    /// event in the outbox. <see cref="ErrorKind.Conflict"/> when the row changed meanwhile: re-read and retry.
    /// </summary>
    Task<Result<MessageDelivered>> MoveAsync(MessageDelivered delivered, string? readVersion, CancellationToken cancellationToken);
}
