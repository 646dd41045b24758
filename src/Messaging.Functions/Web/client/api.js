// The API as any client app sees it: POST /api/Messaging/{name} and the SignalR hub behind POST /api/negotiate.

export class ApiError extends Error {
  constructor(action, status, message) {
    super(message);
    this.action = action;
    this.status = status;
  }
}

export function createApi({ user, token }) {
  const headers = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;

  async function post(action, body) {
    const response = await fetch(`/api/Messaging/${action}`, { method: "POST", headers, body: JSON.stringify(body ?? {}) });
    const json = await response.json().catch(() => ({}));
    if (!response.ok) throw new ApiError(action, response.status, json.error ?? `${action} failed (${response.status})`);
    return json;
  }

  function hub() {
    const signalR = globalThis.signalR;
    // Without a token the local app takes the user from the header Azure App Service authentication sets.
    const options = token ? { accessTokenFactory: () => token } : { headers: { "x-ms-client-principal-id": user } };
    // The page shows the connection state itself; the library's console logging would only repeat it.
    return new signalR.HubConnectionBuilder().withUrl("/api", options).configureLogging(signalR.LogLevel.None).build();
  }

  return { post, hub };
}

// The user a bearer token names (its `sub`), only to prefill the name: the API checks the token itself.
export function tokenUser(token) {
  try {
    const part = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    return JSON.parse(atob(part.padEnd(part.length + ((4 - (part.length % 4)) % 4), "="))).sub ?? "";
  } catch {
    return "";
  }
}

// Messages are numbered 1, 2, 3... in their conversation; the number is the id's last part.
export const seq = (id) => Number(id.slice(id.lastIndexOf("-") + 1));
