// End-to-end for coming back online: a client that follows its conversations live, drops its connection, misses
// sends, edits, deletes and a reaction in several conversations, then reconnects and catches up with one _sync,
// ending with exactly what the API holds and each message once.
// Usage: node catchup.mjs <base-url>. Prints one JSON line; exit 0 = pass.
import assert from "node:assert/strict";
import { api, next } from "./client.mjs";

const base = process.argv[2] ?? "http://localhost:7071";
const run = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
const [alice, bob, carol, dave] = ["alice", "bob", "carol", "dave"].map((name) => `${name}-${run}`);
const client = api(base);
const checks = [];

// What bob's client holds: conversation id -> message id -> message, filled from live events and from _sync.
const held = new Map();
const hold = (message) => {
  if (!held.has(message.conversationId)) held.set(message.conversationId, new Map());
  held.get(message.conversationId).set(message._id, message);
};
const comparable = (m) => ({ _id: m._id, content: m.content, deleted: m.deleted ?? false, editedAt: m.editedAt, reactions: m.reactions });
const history = async (conversationId) => (await client.post("_getMessagesInConversation", { conversationId, user: bob })).map(comparable);
const heldOf = (conversationId) => [...(held.get(conversationId)?.values() ?? [])].sort((x, y) => Number(x._id.split("-")[1]) - Number(y._id.split("-")[1])).map(comparable);

const send = async (conversationId, sender, content) => (await client.post("sendMessage", { conversationId, sender, content })).message;
let b = await client.connect(bob);
try {
  const direct = (await client.post("createConversation", { user1: alice, user2: bob })).conversationId;
  const group = (await client.post("createGroupConversation", { creator: carol, title: "Trip", members: [bob, dave] })).conversationId;
  const quiet = (await client.post("createConversation", { user1: dave, user2: bob })).conversationId;
  const early = await send(direct, alice, "see you at 5");
  const doomed = await send(group, carol, "wrong link");
  await send(quiet, dave, "no news");

  const [first] = await client.post("_sync", { user: bob });
  first.conversations.forEach((c) => c.messages.forEach(hold));
  assert.deepEqual(first.conversations.map((c) => c.conversationId).sort(), [direct, group, quiet].sort());
  const live = next(b, "newMessage");
  const heard = await send(direct, alice, "on my way");
  hold({ ...(await live), status: undefined });
  checks.push("a connected client gets everything from _sync, then new messages live");

  await b.stop(); // the network drops
  const missed = [await send(direct, alice, "where are you?"), await send(direct, alice, "call me")];
  await client.post("editMessage", { messageId: early._id, user: alice, content: "see you at 6" });
  await client.post("deleteMessage", { messageId: doomed._id, user: carol });
  const plan = await send(group, dave, "plan B");
  await client.post("addReaction", { messageId: plan._id, user: carol, emoji: "👍" });

  b = await client.connect(bob);
  // One _sync brings everything the fan-out has recorded; a change it has not reached yet comes with the next call,
  // never not at all. So the client calls again with `next` until it holds what the API holds.
  const responses = [];
  let since = first.next;
  const converged = async () =>
    JSON.stringify(heldOf(direct)) === JSON.stringify(await history(direct)) && JSON.stringify(heldOf(group)) === JSON.stringify(await history(group));
  for (let attempt = 0; attempt < 50 && !(await converged()); attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 100));
    const [caught] = await client.post("_sync", { user: bob, since });
    since = caught.next;
    if (caught.conversations.length === 0) continue;
    responses.push(caught);
    const ids = caught.conversations.flatMap((c) => c.messages.map((m) => m._id));
    assert.equal(new Set(ids).size, ids.length, "one _sync returned a message twice");
    caught.conversations.forEach((c) => c.messages.forEach(hold));
  }
  const returned = new Set(responses.flatMap((r) => r.conversations.flatMap((c) => c.messages.map((m) => m._id))));
  const lastDirect = responses.flatMap((r) => r.conversations).filter((c) => c.conversationId === direct).at(-1);
  assert.equal(lastDirect.conversation.unreadCount, 4);
  const synced = new Set(responses.flatMap((r) => r.conversations.map((c) => c.conversationId)));
  assert.deepEqual([...synced].sort(), [direct, group].sort());
  assert.deepEqual([...returned].sort(), [early._id, heard._id, ...missed.map((m) => m._id), doomed._id, plan._id].sort());
  assert.deepEqual(heldOf(direct), await history(direct));
  assert.deepEqual(heldOf(group), await history(group));
  assert.deepEqual(heldOf(quiet), await history(quiet));
  checks.push("after reconnecting, _sync brings the missed sends, the edit, the delete and the reaction; the client ends with what the API holds");

  const [again] = await client.post("_sync", { user: bob, since });
  assert.deepEqual(again.conversations, []);
  const liveAgain = next(b, "newMessage");
  const after = await send(group, carol, "back?");
  assert.equal((await liveAgain)._id, after._id);
  checks.push("nothing comes twice: _sync again is empty and live events resume");

  console.log(JSON.stringify({ ok: true, checks }));
} catch (error) {
  console.log(JSON.stringify({ ok: false, checks, error: String(error?.stack ?? error) }));
  process.exitCode = 1;
} finally {
  await b.stop();
}
