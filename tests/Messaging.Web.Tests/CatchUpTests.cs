using Messaging.Testing;
using Messaging.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Messaging.Web.Tests;

/// <summary>A browser that loses the network and gets it back catches up with one _sync: every change once.</summary>
public sealed class CatchUpTests(AzuriteFixture azurite, BrowserFixture browser) : BrowserTest(azurite, browser)
{
    [Fact]
    public async Task Offline_TheOtherSideSendsThreeAndEditsOne_BackOnlineShowsExactlyThoseOnce()
    {
        string aliceId = Name("alice"), bobId = Name("bob");
        ChatPage alice = await Browser.OpenAsync(aliceId);
        ChatPage bob = await Browser.OpenAsync(bobId);
        await alice.StartAsync(bobId, bobId);
        await alice.SendAsync("before the tunnel");
        await bob.OpenAsync(aliceId);
        await Expect(bob.Message("before the tunnel")).ToHaveCountAsync(1);

        await Browser.ContextOf(bob).SetOfflineAsync(true);
        await Expect(bob.Connection).ToHaveTextAsync("Offline");
        await alice.SendAsync("one");
        await alice.SendAsync("two");
        await alice.SendAsync("three");
        await alice.EditAsync("two", "two, corrected");
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken); // anything on its way would land by now
        Assert.Equal(["before the tunnel"], (await bob.ShownAsync()).Select(m => m.Content));

        await Browser.ContextOf(bob).SetOfflineAsync(false);
        await Expect(bob.Connection).ToHaveTextAsync("Connected");
        await Expect(bob.Messages).ToHaveCountAsync(4);
        await Expect(bob.Message("two, corrected").Locator(".edited")).ToHaveTextAsync("(edited)");
        await Expect(alice.Message("three").Locator(".ticks")).ToHaveAttributeAsync("data-status", "read"); // bob has it open
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken); // late duplicates would show by now

        IReadOnlyList<(string Id, string Content)> shown = await bob.ShownAsync();
        Assert.Equal(["before the tunnel", "one", "two, corrected", "three"], shown.Select(m => m.Content));
        Assert.Equal(shown.Count, shown.Select(m => m.Id).Distinct().Count());
        using HttpClient http = App.Http();
        Assert.Equal(await http.HistoryAsync(await bob.OpenConversationIdAsync(), bobId), shown);
        await bob.SendAsync("back!");
        await Expect(alice.Message("back!")).ToHaveCountAsync(1);
    }
}
