using Messaging.Testing;

[assembly: AssemblyFixture(typeof(AzuriteFixture))]
