// The sync protocol from the device's side (mobile-sync/README.md): push the outbox, pull the
// schedule by checkpoint (paging, RESET, UPGRADE_REQUIRED), acknowledge what was applied, and
// listen on /sync/live (read with fetch so the token goes in the Authorization header).
import * as store from './store.js';

export const SCHEMA_VERSION = 1;
const PUSH_BATCH = 100;
// a push or pull that has not answered by then is given up (a half-open connection on a phone
// network never answers, and would hold every later sync behind it) and tried again shortly
const CALL_TIMEOUT_MS = 20000;
const RETRY_AFTER_TIMEOUT_MS = 1000;
const listeners = new Set();
let running = null;
let again = false;
let liveAbort = null;
let liveRetry = 1000;

export class SignedOut extends Error {}
export class TimedOut extends Error {}

export function onChange(listener) { listeners.add(listener); }
function changed(detail) { for (const l of listeners) l(detail); }

async function token() {
  const session = await store.get('session');
  if (!session || !session.token) throw new SignedOut('not signed in');
  return session.token;
}

async function call(path, body) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), CALL_TIMEOUT_MS);
  try {
    const response = await fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + await token() },
      body: JSON.stringify(body),
      cache: 'no-store',
      signal: controller.signal,
    });
    if (response.status === 401 || response.status === 403) throw new SignedOut('sign in again');
    if (!response.ok) throw new Error(path + ' answered ' + response.status);
    return await response.json();
  } catch (e) {
    if (controller.signal.aborted) throw new TimedOut(path + ' did not answer within ' + CALL_TIMEOUT_MS / 1000 + ' s');
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

/** Runs one sync (push, then pull); a call while one runs queues exactly one more. */
export function syncNow(reason) {
  if (running) { again = true; return running; }
  running = (async () => {
    try {
      do {
        again = false;
        await pushOutbox();
        await pull();
        await store.set('lastSyncAt', new Date().toISOString());
        await store.set('lastError', null);
      } while (again);
      changed({ type: 'synced', reason });
    } catch (e) {
      await store.set('lastError', e instanceof SignedOut ? 'signed-out' : String(e.message || e));
      changed({ type: 'error', error: e, reason });
      if (e instanceof TimedOut) setTimeout(() => syncNow('retry').catch(() => {}), RETRY_AFTER_TIMEOUT_MS);
      if (e instanceof SignedOut) throw e;
    } finally {
      running = null;
    }
  })();
  return running;
}

async function pushOutbox() {
  for (;;) {
    const queued = (await store.events()).filter((e) => e.state === 'queued');
    if (queued.length === 0) return;
    const batch = queued.slice(0, PUSH_BATCH);
    const session = performance.timeOrigin;
    const answer = await call('/sync/push', {
      schemaVersion: SCHEMA_VERSION,
      deviceId: await deviceId(),
      sentAt: new Date().toISOString(),
      sentElapsedMs: Math.round(performance.now()),
      events: batch.map((e) => wire(e, session)),
    });
    if (answer.status === 'UPGRADE_REQUIRED') throw new Error(answer.message || 'Please update the app');
    const results = answer.results || [];
    const updates = [];
    let retryLater = false;
    batch.forEach((event, i) => {
      const r = results[i];
      if (!r) { retryLater = true; return; }
      if (r.outcome === 'ACCEPTED' || r.outcome === 'DUPLICATE') {
        updates.push({ ...event, state: 'sent', sentAt: answer.receivedAt, flags: r.flags || [] });
      } else if (r.retryable) {
        retryLater = true;
      } else {
        updates.push({ ...event, state: 'rejected', reason: r.reason, reasonCode: r.reasonCode });
      }
    });
    await store.updateEvents(updates);
    changed({ type: 'outbox' });
    if (retryLater || updates.length === 0) return;
  }
}

function wire(e, session) {
  const event = {
    id: e.id, kind: e.kind, visitId: e.visitId, deviceTime: e.deviceTime,
    verificationMethod: e.verificationMethod || 'MANUAL',
  };
  // the page's clock is monotonic only within one page session
  if (e.session === session && typeof e.elapsedMs === 'number') event.deviceElapsedMs = e.elapsedMs;
  if (e.location) event.location = e.location;
  for (const k of ['taskCode', 'reason', 'note']) if (e[k]) event[k] = e[k];
  return event;
}

async function pull() {
  let checkpoint = (await store.get('checkpoint')) || null;
  for (let page = 0; page < 50; page++) {
    const answer = await call('/sync/pull', { schemaVersion: SCHEMA_VERSION, checkpoint, limit: 500 });
    if (answer.status === 'UPGRADE_REQUIRED') throw new Error(answer.message || 'Please update the app');
    if (answer.status === 'RESET') {
      await store.clearSchedule();
      checkpoint = null;
      continue;
    }
    // the first page of a snapshot replaces the schedule (never the outbox)
    await store.applyPull(answer, Boolean(answer.snapshot) && checkpoint === null);
    checkpoint = answer.checkpoint;
    changed({ type: 'schedule' });
    if (!answer.hasMore) break;
  }
  if (checkpoint) {
    const visits = await store.visits();
    const revision = Math.max(0, ...visits.map((v) => v.planRevision || 0)) || null;
    call('/sync/ack', { deviceId: await deviceId(), checkpoint, planRevision: revision }).catch(() => {});
  }
}

export async function deviceId() {
  let id = await store.get('deviceId');
  if (!id) {
    id = uuid();
    await store.set('deviceId', id);
  }
  return id;
}

export function uuid() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Keeps a stream open to /sync/live while online; each event asks for a sync. */
export async function startLive() {
  if (liveAbort || !navigator.onLine) return;
  const controller = new AbortController();
  liveAbort = controller;
  try {
    const response = await fetch('/sync/live', {
      headers: { Authorization: 'Bearer ' + await token(), Accept: 'text/event-stream' },
      signal: controller.signal,
      cache: 'no-store',
    });
    if (response.status === 401 || response.status === 403) throw new SignedOut('sign in again');
    if (!response.ok || !response.body) throw new Error('live ' + response.status);
    changed({ type: 'live', connected: true });
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let cut;
      while ((cut = buffer.search(/\r?\n\r?\n/)) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut).replace(/^\r?\n\r?\n/, '');
        const name = (block.match(/^event:\s*(.*)$/m) || [])[1];
        if (name === 'ready' || name === 'changes') {
          liveRetry = 1000;
          syncNow('live').catch(() => {});
        }
      }
    }
  } catch (e) {
    if (e instanceof SignedOut) { liveAbort = null; changed({ type: 'live', connected: false }); return; }
  } finally {
    if (liveAbort === controller) liveAbort = null;
  }
  changed({ type: 'live', connected: false });
  if (!controller.signal.aborted) {
    liveRetry = Math.min(liveRetry * 2, 30000);
    setTimeout(() => startLive(), liveRetry);
  }
}

export function stopLive() {
  if (liveAbort) { liveAbort.abort(); liveAbort = null; }
}
