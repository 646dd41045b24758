// Benchmark: send-to-receive latency of newMessage, from just before the sender's HTTP call to the
// recipient's event, over N sequential messages. Usage: node latency.mjs [base-url] [count].
import { api, next } from "./client.mjs";

const base = process.argv[2] ?? "http://localhost:7071";
const count = Number(process.argv[3] ?? 200);
const run = `${Date.now()}`;
const sender = `bench-a-${run}`;
const receiver = `bench-b-${run}`;
const client = api(base);

const b = await client.connect(receiver);
b.on("conversationCreated", () => {}); // only newMessage is measured
const { conversationId } = await client.post("createConversation", { user1: sender, user2: receiver });
const samples = [];
for (let i = 0; i < count + 10; i++) {
  const received = next(b, "newMessage", (m) => m.content === `m${i}`);
  const start = performance.now();
  await client.post("sendMessage", { conversationId, sender, content: `m${i}` });
  await received;
  if (i >= 10) samples.push(performance.now() - start); // the first ten warm up the JIT and connections
}
await b.stop();

samples.sort((x, y) => x - y);
const pct = (p) => samples[Math.min(samples.length - 1, Math.ceil((p / 100) * samples.length) - 1)];
console.log(`newMessage send-to-receive latency over ${samples.length} messages: ` +
  `p50 ${pct(50).toFixed(1)} ms, p99 ${pct(99).toFixed(1)} ms, max ${samples.at(-1).toFixed(1)} ms`);
