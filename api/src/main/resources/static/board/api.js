// Talking to the api: GraphQL over HTTP with the bearer token, the solver progress subscription
// over graphql-transport-ws, and the few plain HTTP endpoints (read receipts, CSV). No library.

import { accessToken, pageConfig, session, sessionEnded } from '/auth/session.js';

export { session };

export class ApiError extends Error {
  constructor(message, { unauthorised = false, offline = false } = {}) {
    super(message);
    this.unauthorised = unauthorised;
    this.offline = offline;
  }
}

/** The demo profile's sign-in: POST /demo/token for a demo user. */
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
  return { ...body, mode: 'demo' };
}

export { pageConfig };

/**
 * A call with the bearer token. An expired token is refreshed first when the identity provider
 * gave a refresh token; a 401 refreshes (and repeats the call once) or, failing that, sends the
 * person back to sign in (the identity provider, returning to this page; in the demo, the page's
 * own sign-in).
 */
export async function http(path, init = {}, retried = false) {
  let response;
  const token = (await accessToken()) || session.token();
  try {
    response = await fetch(path, { ...init, headers: { ...(init.headers || {}), Authorization: `Bearer ${token}` } });
  } catch {
    throw new ApiError('The server cannot be reached: nothing was changed. Check the connection and try again.', { offline: true });
  }
  if (response.status === 401) {
    if (!retried && (await sessionEnded())) return http(path, init, true);
    throw new ApiError('Your session has ended: sign in again.', { unauthorised: true });
  }
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
