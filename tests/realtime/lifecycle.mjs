// End-to-end for a message's life after it is sent: edits, reactions and deletes reach both users through
// /api/negotiate and @microsoft/signalr, each event equal to what the API then answers for the message.
// Usage: node lifecycle.mjs <base-url>. Prints one JSON line; exit 0 = pass.
import assert from "node:assert/strict";
import { api, next } from "./client.mjs";

const base = process.argv[2] ?? "http://localhost:7071";
const run = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
const [alice, bob, carol] = ["alice", "bob", "carol"].map((name) => `${name}-${run}`);
const client = api(base);
const checks = [];

const a = await client.connect(alice);
const b = await client.connect(bob);
const c = await client.connect(carol);
const details = async (messageId) => (await client.post("_getMessageDetails", { messageId }))[0];
try {
  const { conversationId } = await client.post("createConversation", { user1: alice, user2: bob });
  const { message } = await client.post("sendMessage", { conversationId, sender: alice, content: "helo", type: "note", payload: { pinned: true } });
  const reply = (await client.post("sendMessage", { conversationId, sender: bob, content: "typo?", replyTo: message._id })).message;
  assert.deepEqual(reply.replyTo, { _id: message._id, sender: alice, preview: "helo" });
  checks.push("a reply carries the answered message's id, sender and preview");

  const bobSeesEdit = next(b, "messageUpdated");
  const aliceSeesEdit = next(a, "messageUpdated");
  const edited = await client.post("editMessage", { messageId: message._id, user: alice, content: "hello" });
  assert.deepEqual(await bobSeesEdit, edited);
  assert.deepEqual(await aliceSeesEdit, edited);
  assert.equal(edited.content, "hello");
  assert.ok(edited.editedAt);
  assert.deepEqual(edited.payload, { pinned: true });
  assert.deepEqual(await client.post("_getMessageEdits", { messageId: message._id }), [{ content: "helo", editedAt: edited.editedAt }]);
  assert.equal((await details(reply._id)).replyTo.preview, "hello");
  checks.push("messageUpdated reaches both users as the edited message; the earlier version is kept and the reply follows");

  const aliceSeesReaction = next(a, "reactionChanged");
  const reacted = await client.post("addReaction", { messageId: message._id, user: bob, emoji: "👍" });
  assert.deepEqual(await aliceSeesReaction, { conversationId, messageId: message._id, emoji: "👍", user: bob, added: true });
  assert.deepEqual(reacted.reactions, [{ emoji: "👍", count: 1, users: [bob] }]);
  assert.deepEqual((await details(message._id)).reactions, reacted.reactions);
  const aliceSeesRemoval = next(a, "reactionChanged");
  await client.post("removeReaction", { messageId: message._id, user: bob, emoji: "👍" });
  assert.equal((await aliceSeesRemoval).added, false);
  checks.push("reactionChanged reaches the sender when a reaction is added and removed");

  const ping = (await client.post("sendMessage", { conversationId, sender: alice, content: "there?" })).message;
  assert.equal(ping.status, "sent");
  const aliceSeesDelivery = next(a, "messageDelivered");
  const { deliveredUpTo } = await client.post("markDelivered", { conversationId, user: bob });
  assert.equal(deliveredUpTo, ping._id);
  const delivery = await aliceSeesDelivery;
  assert.deepEqual({ ...delivery, deliveredAt: undefined }, { conversationId, user: bob, deliveredUpTo, deliveredAt: undefined });
  assert.equal((await client.post("_getMessageDetails", { messageId: ping._id, user: alice }))[0].status, "delivered");
  await client.post("markRead", { conversationId, user: bob });
  assert.equal((await client.post("_getMessageDetails", { messageId: ping._id, user: alice }))[0].status, "read");
  assert.deepEqual((await client.post("_getMessageReceipts", { messageId: ping._id })).map((r) => r.user), [bob]);
  checks.push("messageDelivered reaches the sender; the sender's status goes delivered then read, and bob is in the receipts");

  const bobSeesDelete = next(b, "messageDeleted");
  const deleted = await client.post("deleteMessage", { messageId: message._id, user: alice });
  assert.deepEqual(await bobSeesDelete, { ...deleted, conversationId });
  assert.deepEqual(await details(message._id), {
    _id: message._id, conversationId, sender: alice, sentAt: message.sentAt, deleted: true, deletedAt: deleted.deletedAt,
  });
  assert.deepEqual((await details(reply._id)).replyTo, { _id: message._id, sender: alice, deleted: true });
  checks.push("messageDeleted reaches the other user; the message is a tombstone and the reply says its original was deleted");

  // In a group, events about a message reach only the members who could see it: carol, who joined after it, hears
  // nothing of its edit, and hears the edit of a message sent since.
  const group = (await client.post("createGroupConversation", { creator: alice, title: "G", members: [bob] })).conversationId;
  const early = (await client.post("sendMessage", { conversationId: group, sender: alice, content: "before carol" })).message;
  await client.post("addMembers", { conversationId: group, actor: alice, members: [carol] });
  const later = (await client.post("sendMessage", { conversationId: group, sender: alice, content: "with carol" })).message;
  const carolUpdates = [];
  c.on("messageUpdated", (m) => carolUpdates.push(m._id));
  const bobSeesEarlyEdit = next(b, "messageUpdated", (m) => m._id === early._id);
  const carolSeesLaterEdit = next(c, "messageUpdated", (m) => m._id === later._id);
  await client.post("editMessage", { messageId: early._id, user: alice, content: "before carol, edited" });
  await bobSeesEarlyEdit;
  await client.post("editMessage", { messageId: later._id, user: alice, content: "with carol, edited" });
  assert.equal((await carolSeesLaterEdit).content, "with carol, edited");
  assert.deepEqual(carolUpdates, [later._id]);
  checks.push("in a group, messageUpdated reaches only the members who can see the message");

  console.log(JSON.stringify({ ok: true, checks }));
} catch (error) {
  console.log(JSON.stringify({ ok: false, checks, error: String(error?.stack ?? error) }));
  process.exitCode = 1;
} finally {
  await a.stop();
  await b.stop();
  await c.stop();
}
