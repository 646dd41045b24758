using Messaging.Deploy.Tests.Infrastructure;

namespace Messaging.Deploy.Tests;

/// <summary>host.json and every function.json against the official schemas (eng/schema-validation/schemas, copies of SchemaStore's).</summary>
public class SchemaValidationTests
{
    [Fact]
    public async Task ValidateAsync_HostJson_MatchesOfficialSchema()
    {
        SchemaValidationResult result = await JsonSchemaValidator.ValidateAsync(
            RepositoryLayout.HostSchema, RepositoryLayout.HostJson, TestContext.Current.CancellationToken);

        Assert.True(result.Valid, $"host.json does not match the official schema: {result.Errors}");
    }

    [Theory]
    [MemberData(nameof(FunctionContract.AllFunctionNames), MemberType = typeof(FunctionContract))]
    public async Task ValidateAsync_FunctionJson_MatchesOfficialSchema(string name)
    {
        string path = Path.Combine(RepositoryLayout.FunctionsDirectory, name, "function.json");

        SchemaValidationResult result = await JsonSchemaValidator.ValidateAsync(
            RepositoryLayout.FunctionSchema, path, TestContext.Current.CancellationToken);

        Assert.True(result.Valid, $"functions/{name}/function.json does not match the official schema: {result.Errors}");
    }

    // The two controls prove the validator really applies each schema, so the tests above cannot pass vacuously.
    [Theory]
    [InlineData("""{ "version": "3.0" }""")]
    [InlineData("""{ "version": "2.0", "extensions": { "serviceBus": { "maxConcurrentCalls": "many" } } }""")]
    [InlineData("""{ "version": "2.0", "customHandler": { "enableForwardingHttpRequest": "yes" } }""")]
    public async Task ValidateAsync_BrokenHostJson_Rejected(string json)
    {
        using var file = new TempFile(json);

        SchemaValidationResult result = await JsonSchemaValidator.ValidateAsync(
            RepositoryLayout.HostSchema, file.Path, TestContext.Current.CancellationToken);

        Assert.False(result.Valid);
    }

    [Theory]
    [InlineData("""{ "bindings": [ { "type": "serviceBusTrigger", "direction": "in", "name": "message", "queueName": 5 } ] }""")]
    [InlineData("""{ "bindings": [ { "type": "httpTrigger", "name": "req", "authLevel": "anonymous" } ] }""")]
    [InlineData("""{ "bindings": [ { "type": "timerTrigger", "direction": "sideways", "name": "timer", "schedule": "0 * * * * *" } ] }""")]
    public async Task ValidateAsync_BrokenFunctionJson_Rejected(string json)
    {
        using var file = new TempFile(json);

        SchemaValidationResult result = await JsonSchemaValidator.ValidateAsync(
            RepositoryLayout.FunctionSchema, file.Path, TestContext.Current.CancellationToken);

        Assert.False(result.Valid);
    }

    private sealed class TempFile : IDisposable
    {
        public TempFile(string content)
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"messaging-schema-{Guid.NewGuid():N}.json");
            File.WriteAllText(Path, content);
        }

        public string Path { get; }

        public void Dispose() => File.Delete(Path);
    }
}
