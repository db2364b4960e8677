// CareRota carer app: sign in, today's visits, check-in/out with location, notes, could not
// deliver; everything recorded goes to the outbox first (IndexedDB) and syncs when it can.
import * as store from './store.js';
import * as sync from './sync.js';
import { today, time, day, mapsLinks, visitState } from './view.js';

const $ = (id) => document.getElementById(id);
const FOREGROUND_SYNC_MS = 60000;
let seq = Date.now();
// how this server signs people in (GET /auth/config): 'demo' (the demo users), 'oidc' (the
// organisation's identity provider) or 'none'; remembered so that the app knows it offline too
let authMode = 'demo';

async function start() {
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/app/sw.js', { scope: '/app/' }).catch(() => {});
  }
  $('sign-in-form').addEventListener('submit', signIn);
  await loadAuthMode();
  $('sign-out').addEventListener('click', signOut);
  $('sync-now').addEventListener('click', () => syncSoon('button'));
  window.addEventListener('online', () => { render(); syncSoon('online'); sync.startLive(); });
  window.addEventListener('offline', () => { sync.stopLive(); render(); });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') syncSoon('foreground');
  });
  setInterval(() => { if (document.visibilityState === 'visible') syncSoon('timer'); }, FOREGROUND_SYNC_MS);
  sync.onChange((change) => {
    if (change.type === 'error' && change.error instanceof sync.SignedOut) showSignIn('Please sign in again. Nothing you recorded is lost.');
    render();
  });
  const session = await store.get('session');
  if (session && session.token) {
    await render();
    syncSoon('open');
    sync.startLive();
  } else {
    showSignIn();
  }
}

function syncSoon(reason) {
  if (!navigator.onLine) { render(); return; }
  sync.syncNow(reason).catch(() => {});
}

function showSignIn(message) {
  $('sign-in').hidden = false;
  $('today').hidden = true;
  $('upcoming').hidden = true;
  $('bar-actions').hidden = true;
  $('sign-in-error').textContent = message || '';
  (authMode === 'oidc' ? $('sign-in-submit') : $('user')).focus();
}

async function loadAuthMode() {
  try {
    const response = await fetch('/auth/config', { headers: { Accept: 'application/json' } });
    if (!response.ok) throw new Error(String(response.status));
    authMode = (await response.json()).mode;
    await store.set('authMode', authMode);
  } catch {
    authMode = (await store.get('authMode')) || 'demo';
  }
  const provider = authMode === 'oidc';
  for (const id of ['user-label', 'user', 'user-hint']) $(id).hidden = provider;
  $('user').required = !provider;
  $('sign-in-submit').textContent = provider ? 'Sign in with your organisation account' : 'Sign in';
}

/** Outside the demo: the organisation's identity provider, which sends the carer back to /app/. */
async function signInWithProvider() {
  if (!navigator.onLine) throw new Error('You are offline: sign in when you have signal.');
  if (authMode === 'none') throw new Error('Nobody can sign in to this server yet: ask your administrator.');
  const previous = await store.get('session');
  const auth = await import('/auth/session.js');
  await auth.signInWithProvider({ returnTo: '/app/', loginHint: previous && previous.user });
}

async function signIn(event) {
  event.preventDefault();
  const user = $('user').value.trim();
  $('sign-in-error').textContent = '';
  try {
    if (authMode !== 'demo') {
      await signInWithProvider();
      return;
    }
    const response = await fetch('/demo/token', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user }),
    });
    if (response.status === 404) throw new Error('There is no user called ' + user + '.');
    if (!response.ok) throw new Error('Sign-in failed (' + response.status + ').');
    const body = await response.json();
    if (body.role !== 'CARER') throw new Error('This app is for carers.');
    const previous = await store.get('session');
    if (previous && previous.carerId !== body.carer_id) await store.clearSchedule();
    await store.set('session', { token: body.access_token, user: body.user, carerId: body.carer_id });
    $('sign-in').hidden = true;
    await render();
    syncSoon('sign-in');
    sync.startLive();
    $('main').focus();
  } catch (e) {
    $('sign-in-error').textContent = navigator.onLine ? e.message : 'You are offline: sign in when you have signal.';
  }
}

async function signOut() {
  sync.stopLive();
  await store.set('session', null);
  showSignIn();
}

async function record(visit, kind, fields = {}) {
  const location = fields.withLocation ? await locate() : null;
  const event = {
    id: sync.uuid(),
    seq: seq++,
    kind,
    visitId: visit.visitId,
    deviceTime: new Date().toISOString(),
    elapsedMs: Math.round(performance.now()),
    session: performance.timeOrigin,
    verificationMethod: location ? 'GPS' : 'MANUAL',
    state: 'queued',
  };
  if (location) event.location = location;
  for (const k of ['taskCode', 'reason', 'note']) if (fields[k]) event[k] = fields[k];
  await store.addEvent(event);
  await render();
  syncSoon('event');
}

function locate() {
  if (!('geolocation' in navigator)) return Promise.resolve(null);
  return new Promise((resolve) => {
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lat: p.coords.latitude, lon: p.coords.longitude, accuracyM: Math.round(p.coords.accuracy) }),
      () => resolve(null), // denied or unavailable: recorded as MANUAL
      { enableHighAccuracy: true, timeout: 8000, maximumAge: 60000 });
  });
}

let rendering = Promise.resolve();
function render() {
  rendering = rendering.then(draw, draw);
  return rendering;
}

async function draw() {
  const session = await store.get('session');
  const [visits, events, lastSync, lastError, notes] = await Promise.all([
    store.visits(), store.events(), store.get('lastSyncAt'), store.get('lastError'), store.get('accessNotes'),
  ]);
  const queued = events.filter((e) => e.state === 'queued');
  $('network').textContent = navigator.onLine ? 'Online' : 'Offline – your records are kept on this phone';
  $('queued').textContent = queued.length ? `${queued.length} waiting to send` : 'All sent';
  $('last-sync').textContent = lastSync ? `Last synced ${time(lastSync)}` : 'Not synced yet';
  const banner = $('banner');
  banner.hidden = !(lastError && lastError !== 'signed-out' && navigator.onLine);
  banner.textContent = banner.hidden ? '' : `Could not sync: ${lastError}. Your records are safe and will be sent later.`;
  if (!session || !session.token) return;
  $('bar-actions').hidden = false;
  $('today').hidden = false;
  const day0 = today();
  $('today-title').textContent = `Today, ${day(day0)}${session.user ? ' – ' + session.user : ''}`;
  const todays = visits.filter((v) => v.serviceDate === day0)
    .sort((a, b) => a.plannedStart.localeCompare(b.plannedStart) || a.position - b.position);
  const todaysNotes = notes && notes.validOn === day0 ? notes.notes : {};
  const list = $('visits');
  const focusedId = document.activeElement && document.activeElement.closest('[data-visit-id]')
    ? document.activeElement.closest('[data-visit-id]').dataset.visitId : null;
  if (focusedId && list.contains(document.activeElement)) {
    // do not rebuild under the carer's fingers: refresh text only
    for (const item of list.children) updateVisit(item, todays.find((v) => v.visitId === item.dataset.visitId), events, todaysNotes);
  } else {
    list.replaceChildren(...todays.map((v) => visitItem(v, events, todaysNotes)));
  }
  $('today-empty').hidden = todays.length > 0;
  const later = visits.filter((v) => v.serviceDate > day0 && v.status !== 'CANCELLED')
    .sort((a, b) => a.plannedStart.localeCompare(b.plannedStart));
  $('upcoming').hidden = later.length === 0;
  $('upcoming-list').replaceChildren(...later.slice(0, 60).map((v) => {
    const li = document.createElement('li');
    li.textContent = `${day(v.serviceDate)} ${time(v.plannedStart)}–${time(v.plannedEnd)}: ${v.serviceUser.name}`;
    return li;
  }));
  const rejected = events.filter((e) => e.state === 'rejected');
  $('problems').hidden = rejected.length === 0;
  $('problem-list').replaceChildren(...rejected.map((e) => {
    const li = document.createElement('li');
    li.textContent = `${e.kind.replace(/_/g, ' ').toLowerCase()} at ${time(e.deviceTime)}: ${e.reason || e.reasonCode}`;
    return li;
  }));
}

function visitItem(visit, events, notes) {
  const item = $('visit-template').content.firstElementChild.cloneNode(true);
  item.dataset.visitId = visit.visitId;
  item.dataset.testid = 'visit';
  const su = visit.serviceUser;
  const links = mapsLinks(su);
  const address = item.querySelector('.address');
  address.href = links.primary;
  address.textContent = links.label;
  address.setAttribute('aria-label', `Directions to ${su.name}: ${links.label}`);
  item.querySelector('.maps').href = links.web;
  item.querySelector('.check-in').addEventListener('click', () => record(visit, 'CHECK_IN', { withLocation: true }));
  item.querySelector('.check-out').addEventListener('click', () => record(visit, 'CHECK_OUT', { withLocation: true }));
  item.querySelector('.note-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const text = e.target.elements.note.value.trim();
    if (!text) return;
    e.target.reset();
    record(visit, 'NOTE', { note: text });
  });
  item.querySelector('.cnd-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const reason = e.target.elements.reason.value;
    if (!reason) return;
    const details = e.target.elements.details.value.trim();
    e.target.reset();
    record(visit, 'COULD_NOT_DELIVER', { reason: details ? `${reason}: ${details}` : reason, withLocation: true });
  });
  const tasks = item.querySelector('.tasks');
  for (const task of visit.tasks || []) {
    const li = document.createElement('li');
    li.dataset.taskCode = task.code || '';
    const label = document.createElement('span');
    label.className = task.medication ? 'med' : '';
    label.textContent = (task.medication ? 'Medication: ' : '') + (task.description || task.code);
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'secondary task-done';
    button.textContent = 'Done';
    button.setAttribute('aria-label', `Mark done: ${task.description || task.code}`);
    button.addEventListener('click', () => record(visit, 'TASK_DONE', { taskCode: task.code || 'task' }));
    li.append(label, button);
    tasks.append(li);
  }
  updateVisit(item, visit, events, notes);
  return item;
}

function updateVisit(item, visit, events, notes) {
  if (!visit) return;
  const su = visit.serviceUser;
  item.querySelector('.when').textContent = `${time(visit.plannedStart)}–${time(visit.plannedEnd)}`;
  item.querySelector('.who').textContent = su.name;
  item.querySelector('.window').textContent = `Arrive between ${time(visit.windowStart)} and ${time(visit.windowEnd)}`
    + ` · ${visit.durationMinutes} min` + (visit.status === 'CANCELLED' ? ' · CANCELLED' : '');
  const access = notes[su.id];
  item.querySelector('.access').hidden = !access;
  item.querySelector('.access-text').textContent = access || '';
  const co = item.querySelector('.co-workers');
  co.hidden = !(visit.coWorkers && visit.coWorkers.length);
  co.textContent = co.hidden ? '' : 'With ' + visit.coWorkers.map((c) => c.name).join(', ');
  const vnote = item.querySelector('.visit-note');
  vnote.hidden = !visit.note;
  vnote.textContent = visit.note || '';
  item.querySelector('.tasks-box').hidden = !(visit.tasks && visit.tasks.length);
  const state = visitState(events.filter((e) => e.visitId === visit.visitId));
  const parts = [];
  if (state.checkIn) parts.push(`Checked in ${time(state.checkIn.deviceTime)}`);
  if (state.checkOut) parts.push(`checked out ${time(state.checkOut.deviceTime)}`);
  if (state.couldNotDeliver) parts.push(`Could not deliver: ${state.couldNotDeliver.reason}`);
  if (state.notes.length) parts.push(`${state.notes.length} note${state.notes.length > 1 ? 's' : ''}`);
  const pending = events.some((e) => e.visitId === visit.visitId && e.state === 'queued');
  item.querySelector('.state').textContent = parts.join(', ') + (parts.length && pending ? ' (waiting to send)' : '');
  item.classList.toggle('done', Boolean(state.checkOut));
  item.classList.toggle('not-delivered', Boolean(state.couldNotDeliver));
  item.querySelector('.check-in').disabled = Boolean(state.checkIn) || visit.status === 'CANCELLED';
  item.querySelector('.check-out').disabled = !state.checkIn || Boolean(state.checkOut);
  for (const li of item.querySelectorAll('.tasks li')) {
    const done = state.tasks.get(li.dataset.taskCode);
    const button = li.querySelector('button');
    button.disabled = Boolean(done);
    button.textContent = done ? 'Done ✓' : 'Done';
  }
}

start();
