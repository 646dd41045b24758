using Messaging.Testing;
using Messaging.Web.Tests.Infrastructure;

[assembly: AssemblyFixture(typeof(AzuriteFixture))]
[assembly: AssemblyFixture(typeof(BrowserFixture))]
