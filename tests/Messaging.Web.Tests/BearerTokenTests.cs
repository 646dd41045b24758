using Messaging.Testing;
using Messaging.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Messaging.Web.Tests;

/// <summary>With authentication on, each person pastes their token and is the token's user.</summary>
public sealed class BearerTokenTests(AzuriteFixture azurite, BrowserFixture browser) : BrowserTest(azurite, browser, Tokens.JwtSettings)
{
    [Fact]
    public async Task TwoUsersWithTokens_ChatLive_AsTheTokensUsers()
    {
        string aliceId = Name("alice"), bobId = Name("bob");
        ChatPage alice = await Browser.OpenAsync(aliceId, Tokens.For(aliceId), typeName: false);
        ChatPage bob = await Browser.OpenAsync(bobId, Tokens.For(bobId), typeName: false);
        await Expect(alice.Page.Locator("#me")).ToHaveTextAsync($"Signed in as {aliceId}");

        await alice.StartAsync(bobId, bobId);
        await alice.SendAsync("token-backed hello");
        await bob.OpenAsync(aliceId);
        await Expect(bob.Message("token-backed hello").Locator(".sender")).ToHaveTextAsync(aliceId);
        await bob.SendAsync("hi back");
        await Expect(alice.Message("hi back")).ToHaveCountAsync(1);

        using HttpClient http = App.Http(Tokens.For(bobId));
        Assert.Equal(await http.HistoryAsync(await bob.OpenConversationIdAsync(), bobId), await bob.ShownAsync());
        await AssertNoProblemsAsync();
    }

    [Fact]
    public async Task WithoutAToken_ThePageLoadsButTheApiRefuses_AndThePageSaysSo()
    {
        using HttpClient http = App.Http();
        using HttpResponseMessage page = await http.GetAsync("/", TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode); // the page is public; the API is not
        ChatPage stranger = new(await Browser.NewPageAsync(), "stranger");
        await stranger.Page.GotoAsync(App.BaseUrl + "/");
        await stranger.Page.GetByLabel("User name", new PageGetByLabelOptions { Exact = true }).FillAsync(Name("mallory"));
        await stranger.Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign in" }).ClickAsync();

        await Expect(stranger.Page.GetByRole(AriaRole.Alert).First).Not.ToBeEmptyAsync();
        await Expect(stranger.Page.Locator("#chat")).ToBeHiddenAsync();
    }
}
