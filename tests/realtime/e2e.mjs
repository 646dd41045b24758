// End-to-end: two users connect through /api/negotiate with @microsoft/signalr and see each other's
// messages, read receipts and typing. Usage: node e2e.mjs <base-url> [tokens-json], where tokens-json maps
// two user ids to bearer tokens when the API has authentication on. Prints one JSON line; exit 0 = pass.
import assert from "node:assert/strict";
import { api, next } from "./client.mjs";

const base = process.argv[2] ?? "http://localhost:7071";
const tokens = process.argv[3] ? JSON.parse(process.argv[3]) : {};
const run = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
const [alice, bob] = Object.keys(tokens).length === 2 ? Object.keys(tokens) : [`alice-${run}`, `bob-${run}`];
const client = api(base, tokens);
const checks = [];

const a = await client.connect(alice);
const b = await client.connect(bob);
try {
  const aliceCreated = next(a, "conversationCreated");
  const bobCreated = next(b, "conversationCreated");
  const { conversationId } = await client.post("createConversation", { user1: alice, user2: bob }, alice);
  const [conversation] = await client.post("_getConversation", { conversationId }, alice);
  assert.deepEqual(await bobCreated, conversation);
  assert.deepEqual(await aliceCreated, conversation);
  checks.push("conversationCreated reaches both participants as _getConversation's element");

  const bobGets = next(b, "newMessage");
  const aliceGets = next(a, "newMessage");
  const { message } = await client.post("sendMessage", { conversationId, sender: alice, content: "Hello Bob 👋" }, alice);
  const { status, ...shared } = message; // the sender's view alone carries the status
  assert.equal(status, "sent");
  assert.deepEqual(await bobGets, shared);
  assert.deepEqual(await aliceGets, shared);
  checks.push("newMessage equals sendMessage's message (but its status), for the recipient and the sender's other devices");

  const aliceSeesRead = next(a, "messageRead");
  const read = await client.post("markRead", { conversationId, user: bob }, bob);
  assert.deepEqual(read, { readUpTo: message._id, unreadCount: 0 });
  const receipt = await aliceSeesRead;
  assert.equal(receipt.conversationId, conversationId);
  assert.equal(receipt.user, bob);
  assert.equal(receipt.readUpTo, message._id);
  assert.match(receipt.readAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.deepEqual(Object.keys(receipt).sort(), ["conversationId", "readAt", "readUpTo", "user"]);
  checks.push("messageRead reaches the sender with {conversationId, user, readUpTo, readAt}");

  let bobSawOwnTyping = false;
  b.on("typing", () => { bobSawOwnTyping = true; });
  const aliceSeesTyping = next(a, "typing");
  assert.deepEqual(await client.post("typing", { conversationId, user: bob, isTyping: true }, bob), {});
  assert.deepEqual(await aliceSeesTyping, { conversationId, user: bob, isTyping: true });
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.equal(bobSawOwnTyping, false);
  checks.push("typing reaches the other participant only");

  console.log(JSON.stringify({ ok: true, checks }));
} catch (error) {
  console.log(JSON.stringify({ ok: false, checks, error: String(error?.stack ?? error) }));
  process.exitCode = 1;
} finally {
  await a.stop();
  await b.stop();
}
