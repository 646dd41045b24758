// End-to-end for a message's life after it is sent: edits, reactions and deletes reach both users through
// /api/negotiate and @microsoft/signalr, each event equal to what the API then answers for the message.
// Usage: node lifecycle.mjs <base-url>. Prints one JSON line; exit 0 = pass.
import assert from "node:assert/strict";
import { api, next } from "./client.mjs";

const base = process.argv[2] ?? "http://localhost:7071";
const run = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
const [alice, bob] = ["alice", "bob"].map((name) => `${name}-${run}`);
const client = api(base);
const checks = [];

const a = await client.connect(alice);
const b = await client.connect(bob);
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

  const bobSeesDelete = next(b, "messageDeleted");
  const deleted = await client.post("deleteMessage", { messageId: message._id, user: alice });
  assert.deepEqual(await bobSeesDelete, { ...deleted, conversationId });
  assert.deepEqual(await details(message._id), {
    _id: message._id, conversationId, sender: alice, sentAt: message.sentAt, deleted: true, deletedAt: deleted.deletedAt,
  });
  assert.deepEqual((await details(reply._id)).replyTo, { _id: message._id, sender: alice, deleted: true });
  checks.push("messageDeleted reaches the other user; the message is a tombstone and the reply says its original was deleted");

  console.log(JSON.stringify({ ok: true, checks }));
} catch (error) {
  console.log(JSON.stringify({ ok: false, checks, error: String(error?.stack ?? error) }));
  process.exitCode = 1;
} finally {
  await a.stop();
  await b.stop();
}
