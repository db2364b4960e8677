// Talking to the api: GraphQL over HTTP with the bearer token, the solver progress subscription
// over graphql-transport-ws, and the few plain HTTP endpoints (read receipts, CSV). No library.

const TOKEN_KEY = 'carerota.token';
const SESSION_KEY = 'carerota.session';

export class ApiError extends Error {
  constructor(message, { unauthorised = false, offline = false } = {}) {
    super(message);
    this.unauthorised = unauthorised;
    this.offline = offline;
  }
}

export const session = {
  get() {
    try { return JSON.parse(sessionStorage.getItem(SESSION_KEY) || 'null'); } catch { return null; }
  },
  set(value) {
    sessionStorage.setItem(SESSION_KEY, JSON.stringify(value));
    sessionStorage.setItem(TOKEN_KEY, value.access_token); // shared with the report page
  },
  clear() {
    sessionStorage.removeItem(SESSION_KEY);
    sessionStorage.removeItem(TOKEN_KEY);
  },
  token() { return session.get()?.access_token; },
};

export async function signIn(user) {
  let response;
  try {
    response = await fetch('/demo/token', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user }),
    });
  } catch {
    throw new ApiError('The server cannot be reached. Check the connection and try again.', { offline: true });
  }
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new ApiError(body.message || `Sign-in refused (${response.status}).`);
  }
  return body;
}

export async function http(path, init = {}) {
  let response;
  try {
    response = await fetch(path, { ...init, headers: { ...(init.headers || {}), Authorization: `Bearer ${session.token()}` } });
  } catch {
    throw new ApiError('The server cannot be reached: nothing was changed. Check the connection and try again.', { offline: true });
  }
  if (response.status === 401) throw new ApiError('Your session has ended: sign in again.', { unauthorised: true });
  if (response.status === 403) throw new ApiError('Your role may not do this.');
  return response;
}

export async function gql(query, variables = {}) {
  const response = await http('/graphql', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json().catch(() => null);
  if (!body) throw new ApiError(`The server answered ${response.status} without data.`);
  if (body.errors?.length) {
    const first = body.errors[0];
    const unauthorised = first.extensions?.classification === 'UNAUTHORIZED';
    throw new ApiError(first.message || 'The server refused the request.', { unauthorised });
  }
  return body.data;
}

/**
 * Subscribes to one GraphQL subscription over graphql-transport-ws. Calls onNext with each data
 * payload, onDone when the server completes, onLost when the socket closes early.
 * Returns a function that cancels.
 */
export function subscribe(query, variables, { onNext, onDone, onLost }) {
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
  const socket = new WebSocket(url, 'graphql-transport-ws');
  let finished = false;
  socket.onopen = () => socket.send(JSON.stringify({
    type: 'connection_init', payload: { Authorization: `Bearer ${session.token()}` },
  }));
  socket.onmessage = (event) => {
    const message = JSON.parse(event.data);
    if (message.type === 'connection_ack') {
      socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query, variables } }));
    } else if (message.type === 'next') {
      if (message.payload?.data) onNext(message.payload.data);
    } else if (message.type === 'error') {
      finished = true;
      onLost(new ApiError(message.payload?.[0]?.message || 'The subscription was refused.'));
      socket.close();
    } else if (message.type === 'complete') {
      finished = true;
      onDone();
      socket.close();
    } else if (message.type === 'ping') {
      socket.send(JSON.stringify({ type: 'pong' }));
    }
  };
  socket.onclose = () => {
    if (!finished) {
      finished = true;
      onLost(new ApiError('The live connection was lost.', { offline: true }));
    }
  };
  return () => { finished = true; try { socket.close(); } catch { /* already closed */ } };
}
