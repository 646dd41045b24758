// Helpers shared by the end-to-end test and the latency benchmark: HTTP calls and hub connections,
// exactly as a browser or Node client of the API would make them.
import * as signalR from "@microsoft/signalr";

// `tokens` maps user ids to bearer tokens when the API has authentication on; without it, requests carry
// no identity beyond their bodies and negotiate takes the user from the App Service header.
export function api(base, tokens = {}) {
  const root = `${base.replace(/\/$/, "")}/api`;
  return {
    root,
    async post(action, body, user) {
      const response = await fetch(`${root}/Messaging/${action}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(tokens[user] ? { authorization: `Bearer ${tokens[user]}` } : {}) },
        body: JSON.stringify(body ?? {}),
      });
      const json = await response.json();
      if (!response.ok) throw new Error(`${action} -> ${response.status} ${JSON.stringify(json)}`);
      return json;
    },
    async connect(user) {
      const connection = new signalR.HubConnectionBuilder()
        .withUrl(root, tokens[user]
          ? { accessTokenFactory: () => tokens[user] }
          : { headers: { "x-ms-client-principal-id": user } })
        .configureLogging(signalR.LogLevel.Warning)
        .build();
      await connection.start();
      return connection;
    },
  };
}

// Resolves with the first argument of the next `target` event on `connection` that matches `predicate`.
export function next(connection, target, predicate = () => true, timeoutMs = 10000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { connection.off(target, handler); reject(new Error(`no ${target} within ${timeoutMs} ms`)); }, timeoutMs);
    function handler(arg) {
      if (!predicate(arg)) return;
      clearTimeout(timer);
      connection.off(target, handler);
      resolve(arg);
    }
    connection.on(target, handler);
  });
}
