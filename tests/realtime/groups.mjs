// End-to-end for groups: three users connect through /api/negotiate with @microsoft/signalr; membership changes
// reach everyone affected, the removed included, and a removed member hears nothing more. Usage: node groups.mjs
// <base-url>. Prints one JSON line; exit 0 = pass.
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
try {
  const bobCreated = next(b, "conversationCreated");
  const { conversationId } = await client.post("createGroupConversation", { creator: alice, title: "Trip", members: [bob] });
  const [created] = await client.post("_getConversation", { conversationId });
  assert.deepEqual(await bobCreated, created);
  assert.equal(created.kind, "group");
  checks.push("conversationCreated reaches a group's members as _getConversation's element");

  const carolHears = next(c, "membersChanged");
  const carolGetsSystem = next(c, "newMessage");
  const bobHears = next(b, "membersChanged");
  await client.post("addMembers", { conversationId, actor: alice, members: [carol] });
  const added = await carolHears;
  assert.equal(added.change, "membersAdded");
  assert.equal(added.actor, alice);
  assert.deepEqual(added.members, [carol]);
  assert.deepEqual(added.conversation.participants, [alice, bob, carol].sort());
  assert.deepEqual(await carolGetsSystem, added.message);
  assert.equal(added.message.type, "system");
  assert.deepEqual(await bobHears, added);
  checks.push("membersChanged reaches the added member and the others, with the system message as newMessage");

  const bobRemoved = next(b, "membersChanged");
  await client.post("removeMembers", { conversationId, actor: alice, members: [bob] });
  const removal = await bobRemoved;
  assert.deepEqual(removal.removed, [bob]);
  assert.deepEqual(removal.conversation.participants, [alice, carol].sort());
  checks.push("membersChanged reaches the removed member");

  let bobHeardMore = false;
  b.on("newMessage", () => { bobHeardMore = true; });
  const carolGets = next(c, "newMessage", (m) => m.type !== "system");
  const { message: { status, deliveredCount, readCount, ...message } } = await client.post("sendMessage", { conversationId, sender: alice, content: "without bob" });
  assert.deepEqual([status, deliveredCount, readCount], ["sent", 0, 0]); // the sender's view alone carries the status
  assert.deepEqual(await carolGets, message);
  const renamed = next(c, "conversationUpdated");
  await client.post("updateConversation", { conversationId, actor: alice, title: "Trip 2" });
  assert.equal((await renamed).conversation.title, "Trip 2");
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.equal(bobHeardMore, false);
  checks.push("after removal, messages and changes reach the members only; conversationUpdated carries the new title");

  console.log(JSON.stringify({ ok: true, checks }));
} catch (error) {
  console.log(JSON.stringify({ ok: false, checks, error: String(error?.stack ?? error) }));
  process.exitCode = 1;
} finally {
  await a.stop();
  await b.stop();
  await c.stop();
}
