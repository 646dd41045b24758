using Messaging.Core.Conversations;
using Messaging.Core.Groups;

namespace Messaging.Core.Tests.Groups;

public class GroupRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero);

    private static Conversation Group(params string[] others) => Conversation.StartGroup("g", "alice", others, "Team", null, T0);

    private static GroupRules.Outcome Apply(Conversation group, string actor, GroupChange change)
    {
        Result<GroupRules.Outcome?> result = GroupRules.Apply(group, actor, change, T0.AddMinutes(1));
        Assert.True(result.IsSuccess, result.Error?.Message);
        return Assert.IsType<GroupRules.Outcome>(result.Value);
    }

    [Fact]
    public void StartGroup_CreatorAdminOthersMembers_ParticipantsInOrdinalOrder()
    {
        Conversation group = Group("carol", "Bob", "carol");

        Assert.Equal(["Bob", "alice", "carol"], group.Participants);
        Assert.Equal(["alice", "carol", "Bob"], group.Members.Select(m => m.User));
        Assert.True(group.IsAdmin("alice"));
        Assert.False(group.IsAdmin("carol"));
    }

    [Fact]
    public void Add_NewMembersSeeFromTheSystemMessageOn()
    {
        (Conversation group, _) = Group("bob").Post("bob", "hi", T0);

        GroupRules.Outcome outcome = Apply(group, "alice", new AddMembers("g", "alice", ["carol", "bob"]));

        Assert.Equal(2, outcome.SystemMessage.Seq);
        Assert.Equal(GroupChanges.MembersAdded, outcome.SystemMessage.SystemEvent);
        Assert.Equal(["carol"], outcome.SystemMessage.Members);
        Assert.Equal(2, outcome.Next.MemberOf("carol")!.FromSeq);
        Assert.Equal(1, outcome.Next.MemberOf("bob")!.FromSeq);
        Assert.Equal(2, outcome.Next.LastSeq);
    }

    [Fact]
    public void Add_OnlyExistingMembers_NoChange()
    {
        Result<GroupRules.Outcome?> result = GroupRules.Apply(Group("bob"), "alice", new AddMembers("g", "alice", ["bob"]), T0);

        Assert.True(result.IsSuccess);
        Assert.Null(result.Value);
    }

    [Fact]
    public void NonAdmin_Forbidden_ButMayLeave()
    {
        Conversation group = Group("bob", "carol");

        Assert.Equal(ErrorKind.Forbidden, GroupRules.Apply(group, "bob", new RemoveMembers("g", "bob", ["carol"]), T0).Error?.Kind);
        Assert.Equal(ErrorKind.Forbidden, GroupRules.Apply(group, "bob", new UpdateConversation("g", "bob", "x"), T0).Error?.Kind);
        Assert.Equal(["bob"], Apply(group, "bob", new LeaveConversation("g", "bob")).Removed);
    }

    [Fact]
    public void Leave_LastAdmin_LongestStandingMemberPromoted()
    {
        Conversation group = Apply(Group("bob", "carol"), "alice", new AddMembers("g", "alice", ["aaron"])).Next;

        GroupRules.Outcome outcome = Apply(group, "alice", new LeaveConversation("g", "alice"));

        Assert.Equal(["bob", "carol", "aaron"], outcome.Next.Members.Select(m => m.User));
        Assert.True(outcome.Next.IsAdmin("bob"));
        Assert.False(outcome.Next.IsAdmin("aaron"));
        Assert.False(outcome.Next.Deleted);
    }

    [Fact]
    public void Leave_LastMember_Deleted()
    {
        Conversation group = Apply(Group("bob"), "bob", new LeaveConversation("g", "bob")).Next;

        GroupRules.Outcome outcome = Apply(group, "alice", new LeaveConversation("g", "alice"));

        Assert.Empty(outcome.Next.Participants);
        Assert.True(outcome.Next.Deleted);
    }

    [Fact]
    public void SetRole_LastAdminStepsDown_Refused_OtherAdminMayStepDown()
    {
        Conversation group = Group("bob");

        Assert.Equal(ErrorKind.Invalid, GroupRules.Apply(group, "alice", new SetMemberRole("g", "alice", "alice", "member"), T0).Error?.Kind);
        Conversation twoAdmins = Apply(group, "alice", new SetMemberRole("g", "alice", "bob", "admin")).Next;
        Assert.False(Apply(twoAdmins, "alice", new SetMemberRole("g", "alice", "alice", "member")).Next.IsAdmin("alice"));
    }

    [Fact]
    public void Remove_Self_Refused()
    {
        Assert.Equal(ErrorKind.Invalid, GroupRules.Apply(Group("bob"), "alice", new RemoveMembers("g", "alice", ["alice"]), T0).Error?.Kind);
    }

    [Fact]
    public void SystemMessageText_StaysShortForAThousandMembers()
    {
        GroupRules.Outcome outcome = Apply(Group("bob"), "alice", new AddMembers("g", "alice", [.. Enumerable.Range(0, 998).Select(i => $"user{i}")]));

        Assert.Equal("alice added user0, user1 and 996 others", outcome.SystemMessage.Content);
        Assert.Equal(1000, outcome.Next.Participants.Count);
    }
}
