// The web chat client: state held in maps keyed by id (so a message that arrives twice, live and from a sync, is
// still one message), rendered from that state after every change.
import { createApi, tokenUser, seq, ApiError } from "./api.js";

const PAGE = 30; // messages per history page
const REACTIONS = ["👍", "❤️", "😂"];
const $ = (id) => document.getElementById(id);

const state = {
  me: "",
  api: null,
  connection: null,
  online: false,
  syncToken: null,
  conversations: new Map(), // id -> conversation object (with unreadCount, settings)
  messages: new Map(), // conversation id -> Map(message id -> message)
  hasMore: new Map(), // conversation id -> whether older messages exist than those held
  historyLoaded: new Set(), // conversations whose history was read since sign-in
  cursors: new Map(), // conversation id -> Map(user -> {read, delivered}) as message numbers
  typing: new Map(), // conversation id -> Map(user -> expiry timer)
  presence: new Map(), // user -> {online, status}
  active: null,
  replyTo: null,
  editing: null,
  loadingOlder: false,
  found: null, // the message a search result opened
};

// ---- sign-in ----

$("login-token").addEventListener("input", () => {
  const user = tokenUser($("login-token").value.trim());
  if (user && !$("login-user").value) $("login-user").value = user;
});

$("login-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const token = $("login-token").value.trim();
  const user = $("login-user").value.trim() || tokenUser(token);
  if (!user) {
    $("login-error").textContent = "Enter a user name (or a token that names one).";
    return;
  }
  $("login-error").textContent = "";
  state.me = user;
  state.api = createApi({ user, token });
  try {
    await syncAll();
  } catch (error) {
    $("login-error").textContent = error.message;
    return;
  }
  $("login").hidden = true;
  $("chat").hidden = false;
  $("me").textContent = `Signed in as ${user}`;
  document.querySelector(".status-picker").hidden = false;
  renderConversations();
  await connect();
  $("start-users").focus();
});

// ---- loading and catching up ----

/** _sync: every conversation on the first call, then what changed since the last token. Safe to repeat. */
async function syncAll() {
  const body = { user: state.me, limit: PAGE };
  if (state.syncToken) body.since = state.syncToken;
  const [result] = await state.api.post("_sync", body);
  for (const entry of result.conversations) {
    const first = !state.conversations.has(entry.conversationId);
    upsertConversation(entry.conversation);
    // A gap means what is held before the returned messages is out of date: it is read again when shown.
    if (entry.gap) dropBefore(entry.conversationId, entry.messages[0]?._id);
    for (const message of entry.messages) upsertMessage(message);
    if (first || entry.gap) state.hasMore.set(entry.conversationId, entry.gap);
    deliver(entry.conversationId);
  }
  for (const id of result.removed) removeConversation(id);
  state.syncToken = result.next;
  render();
  if (state.active && (state.conversations.get(state.active)?.unreadCount ?? 0) > 0) await markRead(state.active);
}

function dropBefore(conversationId, firstId) {
  const held = state.messages.get(conversationId);
  if (!held || !firstId) return;
  for (const id of [...held.keys()]) if (seq(id) < seq(firstId)) held.delete(id);
  state.historyLoaded.delete(conversationId);
}

async function loadConversation(id) {
  const [conversation] = await state.api.post("_getConversation", { conversationId: id });
  if (conversation) upsertConversation(conversation);
}

/** Everyone the user shares a conversation with, 100 a call; presenceChanged keeps it current after. */
async function loadPresence() {
  const users = [...new Set([...state.conversations.values()].flatMap((c) => c.participants))].filter((u) => u !== state.me);
  for (let i = 0; i < users.length; i += 100) {
    const presence = await state.api.post("_getPresence", { user: state.me, users: users.slice(i, i + 100) });
    for (const p of presence) state.presence.set(p.user, p);
  }
  render();
}

async function loadReceipts(conversationId) {
  const receipts = await state.api.post("_getReadReceipts", { conversationId });
  for (const r of receipts) if (r.readUpTo) moveCursor(conversationId, r.user, "read", r.readUpTo);
}

/** The newest page, or the page before the oldest message held. */
async function loadOlder(conversationId) {
  if (state.loadingOlder) return;
  const held = [...messagesOf(conversationId)];
  const body = { conversationId, user: state.me, limit: PAGE };
  if (held.length > 0 && state.historyLoaded.has(conversationId)) body.before = held[0]._id;
  state.loadingOlder = true;
  $("history-state").textContent = "Loading earlier messages…";
  try {
    const page = await state.api.post("_getMessagesInConversation", body);
    page.forEach(upsertMessage);
    state.historyLoaded.add(conversationId);
    const oldest = page[0] ?? held[0];
    // A page ends early where the reader's history starts; message 1 is the start of every history.
    state.hasMore.set(conversationId, page.length === PAGE && oldest !== undefined && seq(oldest._id) > 1);
  } finally {
    state.loadingOlder = false;
  }
}

// ---- the real-time connection ----

async function connect() {
  if (state.connection || !navigator.onLine) return;
  const connection = state.api.hub();
  state.connection = connection;
  connection.on("newMessage", onNewMessage);
  connection.on("messageUpdated", (m) => { upsertMessage(m); render(); });
  connection.on("messageDeleted", (d) => { upsertMessage(d); render(); });
  connection.on("reactionChanged", onReactionChanged);
  connection.on("messageRead", (r) => { moveCursor(r.conversationId, r.user, "read", r.readUpTo); render(); });
  connection.on("messageDelivered", (r) => { moveCursor(r.conversationId, r.user, "delivered", r.deliveredUpTo); render(); });
  connection.on("typing", onTyping);
  connection.on("conversationCreated", (c) => { upsertConversation(c); render(); loadPresence().catch(showError); });
  connection.on("membersChanged", onMembersChanged);
  connection.on("conversationUpdated", onMembersChanged);
  connection.on("conversationDeleted", ({ conversationId }) => { removeConversation(conversationId); render(); });
  connection.on("presenceChanged", (p) => { state.presence.set(p.user, p); render(); });
  connection.onclose(() => {
    if (state.connection !== connection) return; // stopped on purpose
    state.connection = null;
    showConnection("Disconnected; retrying…");
    setTimeout(connect, 2000);
  });
  showConnection("Connecting…");
  try {
    await connection.start();
  } catch {
    if (state.connection === connection) state.connection = null;
    showConnection("Offline; retrying…");
    setTimeout(connect, 2000);
    return;
  }
  // Whatever happened while the connection was down (or before it was up) comes from one _sync.
  showConnection("Catching up…");
  try {
    await syncAll();
    await loadPresence();
  } catch (error) {
    showError(error);
  }
  showConnection("Connected");
}

function disconnect() {
  const connection = state.connection;
  state.connection = null;
  connection?.stop();
}

// The browser says when the network goes: drop the socket at once rather than wait for a timeout, and catch up
// when it is back.
window.addEventListener("offline", () => { if (state.api) { disconnect(); showConnection("Offline"); } });
window.addEventListener("online", () => { if (state.api) connect(); });

function showConnection(text) {
  $("connection").textContent = text;
  $("connection").dataset.state = text === "Connected" ? "connected" : "other";
}

function onNewMessage(message) {
  const known = messagesOf(message.conversationId).some((m) => m._id === message._id);
  upsertMessage(message);
  if (!state.conversations.has(message.conversationId)) {
    loadConversation(message.conversationId).then(render, showError);
    return;
  }
  stopTyping(message.conversationId, message.sender);
  if (!known && message.sender !== state.me && message.type !== "system") {
    const conversation = state.conversations.get(message.conversationId);
    const where = state.active === message.conversationId || conversation.kind !== "group" ? "" : ` in ${conversation.title}`;
    if (!conversation.settings?.muted) announce(`New message from ${message.sender}${where}: ${message.content}`);
    if (state.active === message.conversationId) markRead(message.conversationId);
    else conversation.unreadCount = (conversation.unreadCount ?? 0) + 1;
  }
  deliver(message.conversationId);
  render();
}

function onReactionChanged({ conversationId, messageId, emoji, user, added }) {
  const message = state.messages.get(conversationId)?.get(messageId);
  if (!message || message.deleted) return;
  const reactions = message.reactions ?? [];
  let entry = reactions.find((r) => r.emoji === emoji);
  const has = entry?.users.includes(user) ?? false;
  if (added && !has) {
    if (!entry) reactions.push((entry = { emoji, count: 0, users: [] }));
    entry.count += 1;
    entry.users.push(user);
  } else if (!added && has) {
    entry.count -= 1;
    entry.users = entry.users.filter((u) => u !== user);
  }
  message.reactions = reactions.filter((r) => r.count > 0);
  render();
}

function onTyping({ conversationId, user, isTyping }) {
  if (!isTyping) {
    stopTyping(conversationId, user);
  } else {
    if (!state.typing.has(conversationId)) state.typing.set(conversationId, new Map());
    const typers = state.typing.get(conversationId);
    clearTimeout(typers.get(user));
    // A client that vanished mid-sentence never says it stopped.
    typers.set(user, setTimeout(() => { stopTyping(conversationId, user); render(); }, 6000));
  }
  render();
}

function stopTyping(conversationId, user) {
  const typers = state.typing.get(conversationId);
  if (typers?.has(user)) {
    clearTimeout(typers.get(user));
    typers.delete(user);
  }
}

function onMembersChanged(change) {
  if (change.deleted || (change.removed ?? []).includes(state.me)) {
    removeConversation(change.conversationId);
  } else if (change.conversation) {
    const added = !state.conversations.has(change.conversationId);
    upsertConversation(change.conversation);
    if (added) state.hasMore.set(change.conversationId, false);
    if (change.message) upsertMessage(change.message);
    if (added || change.change === "membersAdded") loadPresence().catch(showError);
  }
  render();
}

// ---- state changes ----

function upsertConversation(conversation) {
  const held = state.conversations.get(conversation._id);
  // Events carry the shared object; the user's own fields (unread count, settings) stay as they were.
  state.conversations.set(conversation._id, { ...held, ...conversation });
}

function removeConversation(id) {
  state.conversations.delete(id);
  state.messages.delete(id);
  if (state.active === id) state.active = null;
}

function upsertMessage(message) {
  if (!state.messages.has(message.conversationId)) state.messages.set(message.conversationId, new Map());
  const held = state.messages.get(message.conversationId);
  const before = held.get(message._id);
  // A tombstone replaces the message whole; anything else merges, so the sender's status survives an event.
  const merged = message.deleted
    ? { _id: message._id, conversationId: message.conversationId, sender: message.sender ?? before?.sender,
        sentAt: message.sentAt ?? before?.sentAt, deleted: true, deletedAt: message.deletedAt, deletedBy: message.deletedBy }
    : { ...before, ...message };
  held.set(message._id, merged);
  const conversation = state.conversations.get(message.conversationId);
  if (conversation && !message.deleted && message.content !== undefined) {
    const last = conversation.lastMessage;
    if (!last || seq(last._id) <= seq(message._id)) {
      conversation.lastMessage = { _id: message._id, sender: message.sender, preview: message.content.slice(0, 200), sentAt: message.sentAt };
      conversation.lastMessageAt = message.sentAt;
    }
  } else if (conversation && message.deleted && conversation.lastMessage?._id === message._id) {
    conversation.lastMessage = { ...conversation.lastMessage, preview: "" };
  }
  // Replies quote the start of what they answer, and follow its edits and deletion.
  if (before && (message.deleted || message.editedAt)) {
    for (const reply of held.values()) {
      if (reply.replyTo?._id !== message._id) continue;
      reply.replyTo = message.deleted
        ? { _id: message._id, sender: message.sender, deleted: true }
        : { ...reply.replyTo, preview: [...message.content].slice(0, 100).join("") };
    }
  }
  if (message.sender && message.sender !== state.me) moveCursor(message.conversationId, message.sender, "read", message._id);
}

function moveCursor(conversationId, user, kind, id) {
  if (!state.cursors.has(conversationId)) state.cursors.set(conversationId, new Map());
  const cursors = state.cursors.get(conversationId);
  const cursor = cursors.get(user) ?? { read: 0, delivered: 0 };
  cursor[kind] = Math.max(cursor[kind], seq(id));
  cursors.set(user, cursor);
}

function messagesOf(conversationId) {
  return [...(state.messages.get(conversationId)?.values() ?? [])].sort((a, b) => seq(a._id) - seq(b._id));
}

async function markRead(conversationId) {
  const conversation = state.conversations.get(conversationId);
  const latest = messagesOf(conversationId).at(-1);
  if (!conversation || !latest) return;
  conversation.unreadCount = 0;
  try {
    await state.api.post("markRead", { conversationId, user: state.me });
  } catch (error) {
    showError(error);
  }
  render();
}

const delivered = new Map(); // conversation id -> the message number last reported delivered
function deliver(conversationId) {
  const latest = messagesOf(conversationId).filter((m) => m.sender !== state.me && m.type !== "system").at(-1);
  if (!latest || (delivered.get(conversationId) ?? 0) >= seq(latest._id)) return;
  delivered.set(conversationId, seq(latest._id));
  state.api.post("markDelivered", { conversationId, user: state.me, messageId: latest._id }).catch(() => delivered.delete(conversationId));
}

// ---- user actions ----

async function open(conversationId) {
  state.active = conversationId;
  state.replyTo = null;
  state.editing = null;
  render();
  try {
    if (!state.historyLoaded.has(conversationId)) await loadOlder(conversationId);
    await loadReceipts(conversationId);
    render();
    scrollToEnd();
    if ((state.conversations.get(conversationId)?.unreadCount ?? 0) > 0) await markRead(conversationId);
    await fillScreen(conversationId);
  } catch (error) {
    showError(error);
  }
}

/** Loads earlier pages while the list is too short to scroll, so scrolling up can always ask for more. */
async function fillScreen(conversationId) {
  const box = $("messages");
  while (state.active === conversationId && state.hasMore.get(conversationId) && box.scrollHeight <= box.clientHeight) {
    await older();
  }
}

async function older() {
  const id = state.active;
  if (!id || !state.hasMore.get(id) || state.loadingOlder) return;
  const box = $("messages");
  const fromBottom = box.scrollHeight - box.scrollTop;
  await loadOlder(id);
  render();
  box.scrollTop = box.scrollHeight - fromBottom; // keep the reader's place
}

$("messages").addEventListener("scroll", () => {
  if ($("messages").scrollTop < 40) older().catch(showError);
});

$("start-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const users = $("start-users").value.split(",").map((u) => u.trim()).filter(Boolean);
  const title = $("start-title").value.trim();
  if (users.length === 0) return showError(new Error("Name at least one user."));
  try {
    let id;
    if (users.length === 1 && !title) {
      try {
        ({ conversationId: id } = await state.api.post("createConversation", { user1: state.me, user2: users[0] }));
      } catch (error) {
        if (!(error instanceof ApiError) || error.status !== 409) throw error;
        const [existing] = await state.api.post("_getDirectConversation", { user1: state.me, user2: users[0] });
        id = existing._id;
      }
    } else {
      ({ conversationId: id } = await state.api.post("createGroupConversation", {
        creator: state.me, title: title || [state.me, ...users].join(", "), members: users,
      }));
    }
    await loadConversation(id);
    loadPresence().catch(showError);
    $("start-users").value = "";
    $("start-title").value = "";
    await open(id);
    $("composer-text").focus();
  } catch (error) {
    showError(error);
  }
});

$("add-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const user = $("add-user").value.trim();
  if (!user || !state.active) return;
  try {
    await state.api.post("addMembers", { conversationId: state.active, actor: state.me, members: [user] });
    $("add-user").value = "";
    await loadConversation(state.active);
    render();
  } catch (error) {
    showError(error);
  }
});

for (const [button, setting] of [["pin", "pinned"], ["mute", "muted"]]) {
  $(button).addEventListener("click", async () => {
    const conversation = state.conversations.get(state.active);
    if (!conversation) return;
    try {
      const settings = await state.api.post("updateConversationSettings", {
        conversationId: conversation._id, user: state.me, [setting]: !conversation.settings?.[setting],
      });
      conversation.settings = settings;
      render();
    } catch (error) {
      showError(error);
    }
  });
}

let typingSince = 0;
let typingStop = null;
$("composer-text").addEventListener("input", () => {
  const conversationId = state.active;
  if (!conversationId || state.editing) return;
  const now = Date.now();
  if (now - typingSince > 3000) {
    typingSince = now;
    state.api.post("typing", { conversationId, user: state.me, isTyping: true }).catch(() => {});
  }
  clearTimeout(typingStop);
  typingStop = setTimeout(() => stoppedTyping(conversationId), 4000);
});

function stoppedTyping(conversationId) {
  clearTimeout(typingStop);
  if (typingSince === 0) return;
  typingSince = 0;
  state.api.post("typing", { conversationId, user: state.me, isTyping: false }).catch(() => {});
}

$("composer-text").addEventListener("keydown", (event) => {
  // Enter sends, Shift+Enter starts a new line, Escape drops a reply or an edit.
  if (event.key === "Enter" && !event.shiftKey) {
    event.preventDefault();
    $("composer").requestSubmit();
  } else if (event.key === "Escape") {
    cancelContext();
  }
});

$("composer").addEventListener("submit", async (event) => {
  event.preventDefault();
  const conversationId = state.active;
  const content = $("composer-text").value.trim();
  if (!conversationId || !content) return;
  try {
    if (state.editing) {
      const edited = await state.api.post("editMessage", { messageId: state.editing, user: state.me, content });
      upsertMessage(edited);
    } else {
      stoppedTyping(conversationId);
      const body = { conversationId, sender: state.me, content, clientMessageId: crypto.randomUUID() };
      if (state.replyTo) body.replyTo = state.replyTo;
      const { message } = await state.api.post("sendMessage", body);
      upsertMessage(message);
    }
    $("composer-text").value = "";
    state.replyTo = null;
    state.editing = null;
    render();
    scrollToEnd();
  } catch (error) {
    showError(error);
  }
});

$("composer-cancel").addEventListener("click", cancelContext);
function cancelContext() {
  if (state.editing) $("composer-text").value = "";
  state.replyTo = null;
  state.editing = null;
  render();
  $("composer-text").focus();
}

async function messageAction(action, message, emoji) {
  try {
    if (action === "reply") {
      state.replyTo = message._id;
      state.editing = null;
    } else if (action === "edit") {
      state.editing = message._id;
      state.replyTo = null;
      $("composer-text").value = message.content;
    } else if (action === "delete") {
      const tombstone = await state.api.post("deleteMessage", { messageId: message._id, user: state.me });
      upsertMessage({ ...tombstone, conversationId: message.conversationId });
    } else if (action === "react") {
      const mine = message.reactions?.find((r) => r.emoji === emoji)?.users.includes(state.me);
      const updated = await state.api.post(mine ? "removeReaction" : "addReaction", { messageId: message._id, user: state.me, emoji });
      upsertMessage(updated);
    }
    render();
    if (action === "reply" || action === "edit") $("composer-text").focus();
  } catch (error) {
    showError(error);
  }
}

$("my-status").addEventListener("change", async () => {
  try {
    await state.api.post("setPresence", { user: state.me, status: $("my-status").value });
  } catch (error) {
    showError(error);
  }
});

$("search-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const query = $("search-query").value.trim();
  if (!query) return;
  try {
    const results = await state.api.post("_searchMessages", { user: state.me, query, limit: 20 });
    const list = $("search-list");
    list.replaceChildren(...results.map((message) => {
      const where = message.conversation?.title ?? titleOf(state.conversations.get(message.conversationId));
      const button = el("button", { type: "button", className: "search-hit", dataset: { id: message._id } },
        el("span", { className: "where" }, `${where} · ${message.sender}`), el("span", { className: "content" }, message.content));
      button.addEventListener("click", () => reveal(message.conversationId, message._id));
      return el("li", {}, button);
    }));
    $("search-summary").textContent = results.length === 0 ? "No messages found."
      : `${results.length}${results.length === 20 ? "+" : ""} message${results.length === 1 ? "" : "s"} found.`;
    $("search-results").hidden = false;
  } catch (error) {
    showError(error);
  }
});

/** Opens the conversation at a message, paging back until it is there, and moves the focus to it. */
async function reveal(conversationId, messageId) {
  state.found = messageId;
  await open(conversationId);
  while (state.active === conversationId && !state.messages.get(conversationId)?.has(messageId) && state.hasMore.get(conversationId)) {
    await older();
  }
  render();
  const item = document.querySelector(`#message-list li[data-id="${CSS.escape(messageId)}"]`);
  item?.scrollIntoView({ block: "center" });
  item?.focus();
}

$("search-close").addEventListener("click", () => {
  state.found = null;
  $("search-results").hidden = true;
  render();
  $("search-query").focus();
});

// ---- rendering ----

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "dataset") Object.assign(node.dataset, value);
    else if (key.startsWith("aria") || key === "role") node.setAttribute(key.replace(/^aria([A-Z])/, (_, c) => `aria-${c.toLowerCase()}`), value);
    else node[key] = value;
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

function titleOf(conversation) {
  if (!conversation) return "";
  if (conversation.kind === "group") return conversation.title;
  return conversation.participants.find((p) => p !== state.me) ?? state.me;
}

function render() {
  if (!state.me) return;
  const focused = document.activeElement?.dataset?.key;
  renderConversations();
  renderConversation();
  if (focused) document.querySelector(`[data-key="${CSS.escape(focused)}"]`)?.focus();
}

function renderConversations() {
  const list = $("conversations");
  const conversations = [...state.conversations.values()].sort((a, b) =>
    Number(!!b.settings?.pinned) - Number(!!a.settings?.pinned)
    || (b.lastMessageAt ?? b.createdAt ?? "").localeCompare(a.lastMessageAt ?? a.createdAt ?? "")
    || a._id.localeCompare(b._id));
  list.replaceChildren(...conversations.map((c) => {
    const others = c.participants.filter((p) => p !== state.me);
    const online = others.some((p) => state.presence.get(p)?.online);
    // A direct conversation shows the other person's status; a group, whether anyone is there.
    const presence = !online ? "offline" : c.kind === "direct" && state.presence.get(others[0])?.status === "away" ? "away" : "online";
    const unread = c.unreadCount ?? 0;
    const last = c.lastMessage ? `${c.lastMessage.sender}: ${c.lastMessage.preview || "(deleted)"}` : "No messages yet";
    const label = [titleOf(c), presence === "offline" ? null : presence, unread ? `${unread} unread` : null,
      c.settings?.pinned ? "pinned" : null, c.settings?.muted ? "muted" : null, last].filter(Boolean).join(", ");
    const button = el("button", { type: "button", className: "conversation-item", ariaLabel: label,
      ariaCurrent: state.active === c._id ? "true" : "false", dataset: { id: c._id, key: `conversation:${c._id}` } },
      el("span", { className: `presence ${presence}`, dataset: { presence }, title: presence, ariaHidden: "true" }),
      el("span", { className: "name" }, titleOf(c)),
      c.settings?.pinned ? el("span", { className: "flag pinned", title: "Pinned" }, "📌") : null,
      c.settings?.muted ? el("span", { className: "flag muted", title: "Muted" }, "🔕") : null,
      unread ? el("span", { className: "badge", dataset: { unread: String(unread) } }, String(unread)) : null,
      el("span", { className: "last" }, last));
    button.addEventListener("click", () => open(c._id));
    return el("li", {}, button);
  }));
}

function renderConversation() {
  const conversation = state.conversations.get(state.active);
  $("conversation-tools").hidden = !conversation;
  $("composer").hidden = !conversation;
  if (!conversation) {
    $("conversation-title").textContent = "Pick a conversation";
    $("conversation-members").textContent = "";
    $("message-list").replaceChildren();
    $("typing").textContent = "";
    $("history-state").textContent = "";
    return;
  }
  $("conversation-title").textContent = titleOf(conversation);
  $("conversation-members").textContent = conversation.participants.map((p) => {
    const presence = state.presence.get(p);
    return presence?.online ? `${p} (${presence.status === "away" ? "away" : "online"})` : p;
  }).join(", ");
  $("pin").setAttribute("aria-pressed", String(!!conversation.settings?.pinned));
  $("mute").setAttribute("aria-pressed", String(!!conversation.settings?.muted));
  $("add-form").hidden = conversation.kind !== "group";
  $("history-state").textContent = state.hasMore.get(conversation._id) ? "Scroll up for earlier messages" : "Start of the conversation";

  const box = $("messages");
  const atEnd = box.scrollHeight - box.scrollTop - box.clientHeight < 40;
  const messages = messagesOf(conversation._id);
  const mineLast = messages.filter((m) => m.sender === state.me && !m.deleted && m.type !== "system").at(-1);
  $("message-list").replaceChildren(...messages.map((m) => renderMessage(conversation, m, m === mineLast)));
  if (atEnd) scrollToEnd();

  const typers = [...(state.typing.get(conversation._id)?.keys() ?? [])];
  $("typing").textContent = typers.length === 0 ? "" : `${typers.join(", ")} ${typers.length === 1 ? "is" : "are"} typing…`;

  const context = state.editing ? "Editing your message" : state.replyTo ? `Replying to ${replyText(conversation._id, state.replyTo)}` : "";
  $("composer-context").hidden = !context;
  $("composer-context-text").textContent = context;
  $("composer-send").textContent = state.editing ? "Save" : "Send";
}

function replyText(conversationId, id) {
  const message = state.messages.get(conversationId)?.get(id);
  return message ? `${message.sender}: ${message.deleted ? "(deleted)" : message.content}` : "a message";
}

function renderMessage(conversation, m, isMyLatest) {
  const mine = m.sender === state.me;
  const time = new Date(m.sentAt).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  if (m.type === "system") {
    return el("li", { className: "message system", dataset: { id: m._id } }, el("span", { className: "content" }, m.content));
  }
  const item = el("li", { className: `message ${mine ? "mine" : "theirs"}${m.deleted ? " deleted" : ""}${state.found === m._id ? " found" : ""}`,
    dataset: { id: m._id, key: `message:${m._id}` } });
  if (state.found === m._id) item.tabIndex = -1; // the search result, focused when revealed
  item.append(el("span", { className: "sender" }, m.sender), el("time", { dateTime: m.sentAt, className: "time" }, time));
  if (m.deleted) {
    item.append(el("p", { className: "content" }, "This message was deleted."));
    return item;
  }
  if (m.replyTo) {
    item.append(el("blockquote", { className: "reply" }, `${m.replyTo.sender}: ${m.replyTo.deleted ? "(deleted)" : m.replyTo.preview}`));
  }
  item.append(el("p", { className: "content" }, m.content));
  if (m.editedAt) item.append(el("span", { className: "edited" }, "(edited)"));
  if (mine) {
    const status = statusOf(conversation, m);
    item.append(el("span", { className: `ticks ${status}`, dataset: { status }, title: status, ariaLabel: status },
      status === "sent" ? "✓" : "✓✓"));
    if (conversation.kind === "group" && isMyLatest) {
      const seen = seenBy(conversation, m);
      if (seen.length > 0) item.append(el("p", { className: "seen-by" }, `Seen by ${seen.join(", ")}`));
    }
  }
  const reactions = el("div", { className: "reactions", role: "group", ariaLabel: `Reactions to ${m.sender}'s message` });
  for (const r of m.reactions ?? []) {
    reactions.append(el("span", { className: "reaction", dataset: { emoji: r.emoji }, title: r.users.join(", ") }, `${r.emoji} ${r.count}`));
  }
  item.append(reactions);
  const actions = el("div", { className: "actions" });
  const button = (label, text, action, emoji) => {
    const b = el("button", { type: "button", ariaLabel: label, dataset: { key: `${m._id}:${action}:${emoji ?? ""}`, action } }, text);
    if (emoji) b.setAttribute("aria-pressed", String(!!m.reactions?.find((r) => r.emoji === emoji)?.users.includes(state.me)));
    b.addEventListener("click", () => messageAction(action, m, emoji));
    return b;
  };
  actions.append(button(`Reply to ${m.sender}`, "Reply", "reply"));
  for (const emoji of REACTIONS) actions.append(button(`React ${emoji}`, emoji, "react", emoji));
  if (mine) actions.append(button("Edit", "Edit", "edit"), button("Delete", "Delete", "delete"));
  item.append(actions);
  return item;
}

/** Ticks from the server's status, moved on by the read and delivery events seen since. */
function statusOf(conversation, m) {
  const others = conversation.participants.filter((p) => p !== state.me);
  const cursors = state.cursors.get(conversation._id) ?? new Map();
  const n = seq(m._id);
  const read = others.length > 0 && others.every((p) => (cursors.get(p)?.read ?? 0) >= n);
  const got = others.length > 0 && others.every((p) => Math.max(cursors.get(p)?.read ?? 0, cursors.get(p)?.delivered ?? 0) >= n);
  const rank = { sent: 0, delivered: 1, read: 2 };
  const server = rank[m.status] ?? 0;
  const local = read ? 2 : got ? 1 : 0;
  return ["sent", "delivered", "read"][Math.max(server, local)];
}

function seenBy(conversation, m) {
  const cursors = state.cursors.get(conversation._id) ?? new Map();
  return conversation.participants.filter((p) => p !== state.me && (cursors.get(p)?.read ?? 0) >= seq(m._id));
}

function scrollToEnd() {
  const box = $("messages");
  box.scrollTop = box.scrollHeight;
}

/** Said once by screen readers (a polite live region), however often the list is redrawn. */
function announce(text) {
  $("announcer").textContent = text;
}

function showError(error) {
  $("chat-error").textContent = error?.message ?? String(error);
}
