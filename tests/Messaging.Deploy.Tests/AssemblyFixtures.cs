using Messaging.Deploy.Tests;
using Messaging.Testing;

[assembly: AssemblyFixture(typeof(AzuriteFixture))]
// One publish (about half a minute, much more on a busy machine) shared by the publish-script and published-app tests.
[assembly: AssemblyFixture(typeof(PublishedFolder))]
