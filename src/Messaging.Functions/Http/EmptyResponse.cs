namespace Messaging.Functions.Http;

/// <summary>An action's empty success body, <c>{}</c>.</summary>
public sealed record EmptyResponse;
