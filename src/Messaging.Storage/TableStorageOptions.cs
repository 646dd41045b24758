using System.ComponentModel.DataAnnotations;

namespace Messaging.Storage;

/// <summary>Where the messaging table lives. Bound from the <c>TableStorage</c> configuration section.</summary>
public sealed class TableStorageOptions : IValidatableObject
{
    public const string SectionName = "TableStorage";

    /// <summary>
    /// A storage connection string: <c>UseDevelopmentStorage=true</c> (Azurite), an account-key string, or one with
    /// a SAS. Leave empty in Azure and set <see cref="Endpoint"/> to use the app's managed identity instead.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>The table service endpoint (<c>https://{account}.table.core.windows.net</c>) used with a managed identity.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Client id of a user-assigned managed identity; empty for the system-assigned one or developer credentials.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>The one table holding every entity. Defaults to <c>Messaging</c>.</summary>
    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "TableStorage:TableName must be 3-63 letters or digits, starting with a letter.")]
    public string TableName { get; set; } = "Messaging";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(ConnectionString) == (Endpoint is null))
        {
            yield return new ValidationResult(
                "Set exactly one of TableStorage:ConnectionString and TableStorage:Endpoint.",
                [nameof(ConnectionString), nameof(Endpoint)]);
        }
        else if (!string.IsNullOrWhiteSpace(ConnectionString) && TableStorageConnection.Validate(ConnectionString) is { } error)
        {
            yield return new ValidationResult(error, [nameof(ConnectionString)]);
        }
    }
}
