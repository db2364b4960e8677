// The coordinator's rota board: sign-in with role routing, the board of an area and a day, rota
// generation with live progress, review (diff) and publish with read receipts, drag-and-drop
// assignment with the broken constraints shown before confirming, pin/unpin, lock a carer's day,
// same-day changes with their diff, the map of a carer's day and the reference data.
// Every change is sent to the server and the board is then reloaded from it: nothing is applied
// locally first, so a refusal leaves the board showing the truth.
import { ApiError, gql, http, pageConfig, session, signIn, subscribe } from './api.js';
import { destinationFor, signInWithProvider, signOut } from '/auth/session.js';
import { drawMap } from './map.js';
import { initReference } from './reference.js';

// National Living Wage for workers aged 21 and over from 1 April 2026: used only when the server
// has no organisation setting for it (see loadMinimumWage). The plan's metrics carry the effective
// hourly pay; the board compares it with the organisation's minimum.
const FALLBACK_MINIMUM_WAGE = 12.71;
const SNAP_MINUTES = 5;
const DAY_START = 6 * 60;
const DAY_END = 23 * 60;

const $ = (id) => document.getElementById(id);
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
const london = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hour12: false });
const hm = (iso) => (iso ? london.format(new Date(iso)) : '');
const minutesOfDay = (iso) => { const [h, m] = hm(iso).split(':').map(Number); return h * 60 + m; };
const hours = (min) => `${Math.floor(min / 60)}h${String(Math.round(min % 60)).padStart(2, '0')}`;

const state = {
  areas: [], plans: [], plan: null, published: null, job: null, cancelSubscription: null,
  visitsById: new Map(), slots: new Map(), lastDiff: null, axisStart: DAY_START, drag: null,
  minimumWage: FALLBACK_MINIMUM_WAGE, wageNote: '', busy: 0,
};

// The page is "busy" while it talks to the server or redraws: <body data-busy="true">. Tests (and
// assistive technology through aria-busy) wait for it to settle instead of sleeping.
function busy(delta) {
  state.busy = Math.max(0, state.busy + delta);
  document.body.dataset.busy = String(state.busy > 0);
  $('main').setAttribute('aria-busy', String(state.busy > 0));
}

const PLAN = `
fragment AssignmentFields on Assignment {
  id version position slotIndex arrivalAt startAt endAt travelMinutesBefore pinned manual brokenConstraints
  visit { id windowStart windowEnd durationMinutes carersRequired priority status
          serviceUser { id name postcode location { lat lon } } }
}
fragment PlanFields on Plan {
  id version revision status score feasible metrics basePlanId from to publishedAt createdAt
  routes(date: $date) { date leavesAt returnsAt
    carer { id name version pool { id name sector } }
    assignments { ...AssignmentFields } }
  unassigned { date slotIndex reasons
    visit { id windowStart windowEnd durationMinutes carersRequired priority serviceUser { id name } } }
}`;
const DIFF = `a { id revision status } b { id revision status }
  carers { carer { id name } gained { id windowStart serviceUser { name } } lost { id windowStart serviceUser { name } }
           retimed { id windowStart serviceUser { name } } }
  newlyUnassigned { id windowStart serviceUser { name } } newlyAssigned { id windowStart serviceUser { name } }`;

// ---- messages -------------------------------------------------------------------------------

function say(text, ok = false) {
  const banner = $('banner');
  banner.textContent = text;
  banner.classList.toggle('ok', ok);
  banner.hidden = !text;
}

async function guarded(action) {
  busy(+1);
  try {
    await action();
  } catch (error) {
    if (error instanceof ApiError && error.unauthorised) {
      session.clear();
      showSignIn();
    }
    say(error.message || String(error));
    if (!(error instanceof ApiError && error.unauthorised)) {
      await loadBoard().catch(() => {}); // back to the truth
    }
  } finally {
    busy(-1);
  }
}

function problem(result) {
  if (!result?.__typename) return 'The server gave no answer.';
  if (result.field && result.reason) return `${result.field}: ${result.reason}`;
  return result.message || result.__typename;
}

// ---- sign-in --------------------------------------------------------------------------------

function route(who) {
  const home = destinationFor(who.role);
  if (home !== '/') { location.assign(home); return false; }
  return true;
}

/**
 * The sign-in of the configured mode (GET /auth/config): the demo users' form, a button to the
 * identity provider, or why nobody can sign in.
 */
async function showSignIn() {
  $('sign-in').hidden = false;
  $('board-view').hidden = true;
  $('sign-out').hidden = true;
  $('who').textContent = '';
  let config;
  try { config = await pageConfig(); } catch { config = { mode: 'demo' }; }
  $('sign-in-form').hidden = config.mode !== 'demo';
  $('oidc-sign-in').hidden = config.mode !== 'oidc';
  $('sign-in-unavailable').hidden = config.mode !== 'none';
  $('sign-in-unavailable').textContent = config.mode === 'none' ? `Nobody can sign in yet: ${config.message}.` : '';
  if (config.mode === 'demo') $('user').focus();
  if (config.mode === 'oidc') $('oidc-button').focus();
}

async function showBoard(who) {
  $('sign-in').hidden = true;
  $('board-view').hidden = false;
  $('sign-out').hidden = false;
  $('who').textContent = `${who.name || who.user} · ${who.role.toLowerCase()}`;
  const data = await gql('{ areas { id name kind } }');
  state.areas = data.areas;
  await loadMinimumWage(who);
  const select = $('area');
  select.innerHTML = data.areas.map((a) => `<option value="${a.id}">${esc(a.name)} (${a.kind.toLowerCase()})</option>`).join('');
  const params = new URLSearchParams(location.hash.slice(1));
  if (params.get('area')) select.value = params.get('area');
  $('date').value = params.get('date') || $('date').value || new Date().toISOString().slice(0, 10);
  await loadBoard();
}

/**
 * The minimum hourly wage the board compares effective pay with: the organisation's setting
 * (organisation(id) { settings { minimumHourlyWage } }). Only when the server's schema has no such
 * field (or the organisation has set none) does the board fall back to the National Living Wage
 * constant, and then it says so on the page.
 */
async function loadMinimumWage(who) {
  state.minimumWage = FALLBACK_MINIMUM_WAGE;
  state.wageNote = '';
  const fallback = (why) => {
    state.wageNote = `Minimum wage £${FALLBACK_MINIMUM_WAGE.toFixed(2)}/h is the built-in National Living Wage (April 2026): ${why}.`;
  };
  if (!who.organisation_id) { fallback('the sign-in did not name an organisation'); return; }
  try {
    const d = await gql('query($id: UUID!) { organisation(id: $id) { settings { minimumHourlyWage } } }', { id: who.organisation_id });
    const value = d.organisation?.settings?.minimumHourlyWage;
    if (value === null || value === undefined) fallback('the organisation has not set one');
    else state.minimumWage = Number(value);
  } catch (error) {
    if (error instanceof ApiError && error.unauthorised) throw error;
    if (/undefined|FieldUndefined|not defined|Unknown field/i.test(error.message)) fallback('this server has no organisation setting for it yet');
    else fallback(`the organisation setting could not be read (${error.message})`);
  }
}

// ---- loading the board ------------------------------------------------------------------------

function weekOf(date) {
  const d = new Date(`${date}T12:00:00Z`);
  const monday = new Date(d); monday.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  const sunday = new Date(monday); sunday.setUTCDate(monday.getUTCDate() + 6);
  return [monday.toISOString().slice(0, 10), sunday.toISOString().slice(0, 10)];
}

async function loadBoard(preferPlanId) {
  busy(+1);
  try {
    await loadBoardNow(preferPlanId);
  } finally {
    busy(-1);
  }
}

async function loadBoardNow(preferPlanId) {
  const area = $('area').value;
  const date = $('date').value;
  if (!area || !date) return;
  history.replaceState(null, '', `#area=${area}&date=${date}`);
  const list = await gql('query($area: UUID!, $date: Date!) { plans(area: $area, from: $date, to: $date) { id status createdAt revision } }', { area, date });
  state.plans = list.plans;
  const published = list.plans.find((p) => p.status === 'PUBLISHED');
  const newestDraft = list.plans.find((p) => p.status === 'DRAFT');
  const wanted = preferPlanId && list.plans.find((p) => p.id === preferPlanId)
    ? preferPlanId
    : (state.plan && list.plans.find((p) => p.id === state.plan.id && p.status === 'DRAFT') ? state.plan.id
      : (newestDraft && (!published || newestDraft.createdAt > published.createdAt) ? newestDraft.id : published?.id));
  state.published = published || null;
  if (!wanted) {
    state.plan = null;
    renderPlanBar();
    $('board').innerHTML = '<p class="hint" style="padding:12px">No rota for this area and day yet: generate one.</p>';
    $('unassigned-list').innerHTML = '';
    return;
  }
  const data = await gql(`query($id: UUID!, $date: Date) { plan(id: $id) { ...PlanFields } } ${PLAN}`, { id: wanted, date });
  state.plan = data.plan;
  if (state.plan.status !== 'DRAFT') $('publish-review')?.remove(); // a review shown earlier offers no stale publish
  renderPlanBar();
  if ($('view').value === 'week') await renderWeek(); else renderBoard();
}

// ---- plan bar -----------------------------------------------------------------------------------

function renderPlanBar() {
  const bar = $('plan-bar');
  const plan = state.plan;
  bar.dataset.planId = plan?.id || '';
  bar.dataset.planVersion = plan ? String(plan.version) : '';
  if (!plan) { bar.innerHTML = ''; return; }
  const options = state.plans.map((p) => `<option value="${p.id}" ${p.id === plan.id ? 'selected' : ''}>rev ${p.revision} · ${p.status.toLowerCase()} · ${new Date(p.createdAt).toLocaleString('en-GB')}</option>`).join('');
  bar.innerHTML = `
    <label>Plan <select id="plan-select">${options}</select></label>
    <span class="badge ${plan.status.toLowerCase()}" id="plan-status">${plan.status.toLowerCase()}</span>
    ${planTotals(plan)}
    <span>score <code id="plan-score">${esc(plan.score || '—')}</code> ${plan.feasible === false ? '<strong class="removed">infeasible</strong>' : ''}</span>
    ${plan.status === 'DRAFT' ? '<button id="publish" type="button">Publish</button>' : ''}
    ${plan.status === 'DRAFT' && state.published ? '<button id="compare" type="button" class="secondary">Compare with published</button>' : ''}
    ${plan.status === 'PUBLISHED' ? '<button id="receipts-button" type="button" class="secondary">Who has received it</button>' : ''}
    ${state.wageNote ? `<span class="note" id="wage-note">${esc(state.wageNote)}</span>` : ''}
    <span class="legend" id="board-help">Drag a visit onto a carer's time line to move it to that carer and time, or onto the name to move it to that carer only; or select a visit and press Enter.</span>`;
  $('plan-select').addEventListener('change', (e) => guarded(() => loadBoard(e.target.value)));
  $('publish')?.addEventListener('click', () => guarded(publish));
  $('compare')?.addEventListener('click', () => guarded(() => showDiff(state.published.id, plan.id, 'Draft against the published rota')));
  $('receipts-button')?.addEventListener('click', () => guarded(() => showReceipts(plan.id)));
}

function planTotals(plan) {
  const m = metricsOf(plan);
  const parts = [];
  if (m.travelMinutes !== undefined) parts.push(`travel ${hours(m.travelMinutes)}`);
  if (m.paidMinutes !== undefined) parts.push(`paid ${hours(m.paidMinutes)}`);
  if (m.unpaidMinutes !== undefined) parts.push(`unpaid ${hours(m.unpaidMinutes)}`);
  if (m.lateStarts !== undefined) parts.push(`${m.lateStarts} late start${m.lateStarts === 1 ? '' : 's'}`);
  if (m.minEffectiveHourlyPay !== undefined) parts.push(`lowest effective pay £${Number(m.minEffectiveHourlyPay).toFixed(2)}/h (minimum £${state.minimumWage.toFixed(2)})`);
  return parts.length ? `<span id="plan-totals" title="whole plan, every day of its horizon">${parts.join(' · ')}</span>` : '';
}

// ---- the day board ------------------------------------------------------------------------------

function metricsOf(plan) {
  try { return JSON.parse(plan.metrics || '{}'); } catch { return {}; }
}

function renderBoard() {
  const plan = state.plan;
  const date = $('date').value;
  $('week').hidden = true;
  $('board').hidden = false;
  const metrics = metricsOf(plan);
  const hourly = metrics.effectiveHourlyPay || {};
  const routes = plan.routes.filter((r) => r.date === date);
  state.visitsById = new Map();
  state.slots = new Map();
  // time range
  let start = DAY_START; let end = DAY_END;
  for (const r of routes) for (const a of r.assignments) {
    start = Math.min(start, minutesOfDay(a.arrivalAt) - Math.ceil(a.travelMinutesBefore) - 15);
    end = Math.max(end, minutesOfDay(a.endAt) + 30);
  }
  start = Math.max(0, Math.floor(start / 60) * 60); end = Math.min(24 * 60, Math.ceil(end / 60) * 60);
  state.axisStart = start;
  const span = end - start;
  const board = $('board');
  board.style.setProperty('--span', span);
  const x = (min) => `calc(${min - start}px * var(--px-per-min))`;
  const w = (min) => `calc(${Math.max(min, 1)}px * var(--px-per-min))`;
  const ticks = [];
  for (let t = start; t <= end; t += 60) ticks.push(`<span class="tick" style="left:${x(t)}">${String(t / 60).padStart(2, '0')}:00</span>`);
  // double-ups: visit id -> carers
  const carersOfVisit = new Map();
  for (const r of routes) for (const a of r.assignments) {
    if (!carersOfVisit.has(a.visit.id)) carersOfVisit.set(a.visit.id, []);
    carersOfVisit.get(a.visit.id).push(r.carer.name);
  }
  const pools = new Map();
  for (const r of routes) {
    const key = r.carer.pool.id;
    if (!pools.has(key)) pools.set(key, { pool: r.carer.pool, routes: [] });
    pools.get(key).routes.push(r);
  }
  let html = `<div class="axis" aria-hidden="true"><div class="who-cell">Carer</div><div class="ticks">${ticks.join('')}</div></div>`;
  for (const { pool, routes: rs } of [...pools.values()].sort((a, b) => a.pool.name.localeCompare(b.pool.name))) {
    const sector = pool.sector === 'HEALTH' ? 'Health' : 'Social care';
    html += `<div class="pool-head" role="heading" aria-level="4">${esc(pool.name)} · <span class="sector-${pool.sector}">${sector}</span></div>`;
    for (const r of rs.sort((a, b) => a.carer.name.localeCompare(b.carer.name))) {
      const as = r.assignments;
      const travel = as.reduce((s, a) => s + a.travelMinutesBefore, 0);
      const contact = as.reduce((s, a) => s + a.visit.durationMinutes, 0);
      const working = as.length ? minutesOfDay(as[as.length - 1].endAt) - minutesOfDay(as[0].arrivalAt) + Math.round(as[0].travelMinutesBefore) : 0;
      const waiting = Math.max(0, working - contact - Math.round(travel));
      const pay = hourly[r.carer.id];
      const payText = pay === undefined ? '' : ` · <span class="${pay < state.minimumWage ? 'pay-low' : ''}" title="effective hourly pay against the minimum wage £${state.minimumWage.toFixed(2)}">£${pay.toFixed(2)}/h${pay < state.minimumWage ? ' below the minimum wage' : ''}</span>`;
      const visitsCount = new Set(as.map((a) => a.visit.id)).size;
      let lane = '';
      let previousEnd = null;
      for (const a of as) {
        state.visitsById.set(a.visit.id, { ...a.visit, assignment: a, carer: r.carer });
        state.slots.set(`${a.visit.id}/${r.carer.id}`, { ...a.visit, assignment: a, carer: r.carer }); // each part of a double-up
        const arrive = minutesOfDay(a.arrivalAt);
        const begin = minutesOfDay(a.startAt);
        const finish = minutesOfDay(a.endAt);
        const leave = arrive - Math.round(a.travelMinutesBefore);
        if (a.travelMinutesBefore > 0) lane += `<span class="travel" style="left:${x(leave)};width:${w(arrive - leave)}" title="travel ${Math.round(a.travelMinutesBefore)} min"></span>`;
        if (previousEnd !== null && leave > previousEnd) lane += `<span class="wait" style="left:${x(previousEnd)};width:${w(leave - previousEnd)}" title="waiting ${leave - previousEnd} min"></span>`;
        if (begin > arrive) lane += `<span class="wait" style="left:${x(arrive)};width:${w(begin - arrive)}" title="waiting ${begin - arrive} min for the window"></span>`;
        const windowEnd = minutesOfDay(a.visit.windowEnd);
        const late = begin > windowEnd;
        const risk = !late && begin > windowEnd - 10;
        const critical = a.visit.priority === 'TIME_CRITICAL';
        const double = a.visit.carersRequired > 1;
        const partners = double ? (carersOfVisit.get(a.visit.id) || []).filter((n) => n !== r.carer.name) : [];
        const label = `${a.visit.serviceUser.name}, ${hm(a.startAt)} to ${hm(a.endAt)}, window ${hm(a.visit.windowStart)}–${hm(a.visit.windowEnd)}`
          + `${critical ? ', time-critical' : ''}${late ? `, late by ${begin - windowEnd} min` : ''}${risk ? ', at risk of being late' : ''}`
          + `${double ? `, double-up with ${partners.join(', ') || 'second carer unassigned'}` : ''}${a.pinned ? ', pinned' : ''}`;
        lane += `<button type="button" draggable="true" class="block sector-${r.carer.pool.sector}${critical ? ' time-critical' : ''}${late ? ' late' : ''}${risk ? ' at-risk' : ''}${double ? ' double-up' : ''}${a.pinned ? ' pinned' : ''}"
          style="left:${x(begin)};width:${w(finish - begin)}" data-visit-id="${a.visit.id}" data-assignment-id="${a.id}" data-carer-id="${r.carer.id}" data-start="${hm(a.startAt)}" data-window-start="${hm(a.visit.windowStart)}" data-window-end="${hm(a.visit.windowEnd)}" data-duration="${a.visit.durationMinutes}" aria-describedby="board-help"
          aria-label="${esc(label)}" title="${esc(label)}">${hm(a.startAt)} ${esc(a.visit.serviceUser.name)}</button>`;
        previousEnd = finish;
      }
      html += `<div class="row" data-carer-id="${r.carer.id}" data-carer-name="${esc(r.carer.name)}">
        <div class="who-cell"><div class="name">${esc(r.carer.name)}
          <button type="button" class="secondary" data-map="${r.carer.id}" aria-label="Map of ${esc(r.carer.name)}'s day">Map</button>
          <button type="button" class="secondary" data-lock="${r.carer.id}" aria-label="Lock or unlock ${esc(r.carer.name)}'s day">Lock</button></div>
          <div class="totals" title="contact: time at visits; between: travel and waiting from the first arrival to the last departure">${visitsCount} visits · travel ${Math.round(travel)} min · contact ${hours(contact)} · between ${hours(waiting + Math.round(travel))}${payText}</div></div>
        <div class="lane">${lane}</div></div>`;
    }
  }
  if (!routes.length) html += '<p class="hint" style="padding:12px">No carer works this day in this plan.</p>';
  board.innerHTML = html;
  renderUnassigned(date);
  wireBoard();
}

/** The planner's reasons name carers by id: show their names (ids of carers not on the board stay short). */
function nameIds(text) {
  const names = new Map((state.plan?.routes || []).map((r) => [r.carer.id, r.carer.name]));
  return text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) => names.get(id) || `carer ${id.slice(0, 8)}`);
}

function renderUnassigned(date) {
  const items = state.plan.unassigned.filter((u) => u.date === date);
  $('unassigned-title').textContent = `Unassigned (${items.length})`;
  $('unassigned-list').innerHTML = items.map((u) => {
    state.visitsById.set(u.visit.id, { ...u.visit, assignment: null, carer: null });
    return `<li draggable="true" tabindex="0" data-visit-id="${u.visit.id}" data-window-start="${hm(u.visit.windowStart)}" data-window-end="${hm(u.visit.windowEnd)}" data-duration="${u.visit.durationMinutes}" data-carers="${u.visit.carersRequired}" aria-label="Unassigned: ${esc(u.visit.serviceUser.name)} ${hm(u.visit.windowStart)} to ${hm(u.visit.windowEnd)}">
      <strong>${esc(u.visit.serviceUser.name)}</strong> ${hm(u.visit.windowStart)}–${hm(u.visit.windowEnd)} · ${u.visit.durationMinutes} min
      ${u.visit.carersRequired > 1 ? ` · double-up (place ${u.slotIndex + 1})` : ''}${u.visit.priority === 'TIME_CRITICAL' ? ' · <strong class="removed">time-critical</strong>' : ''}
      <p class="reasons">${u.reasons.map((r) => esc(nameIds(r))).join('; ') || 'No reason given by the planner.'}</p></li>`;
  }).join('') || '<li class="hint">Every visit is placed.</li>';
}

function wireBoard() {
  const board = $('board');
  board.querySelectorAll('[draggable="true"]').forEach((el) => {
    el.addEventListener('dragstart', dragStart);
    // where the block is grabbed, measured at the press (dragstart fires only after the pointer has moved)
    el.addEventListener('pointerdown', (e) => { state.grab = { visitId: el.dataset.visitId, minutes: (e.clientX - el.getBoundingClientRect().left) / pxPerMinute() }; });
  });
  $('unassigned-list').querySelectorAll('[draggable="true"]').forEach((el) => {
    el.addEventListener('dragstart', dragStart);
    el.addEventListener('keydown', (e) => { if (e.key === 'Enter') visitMenu(el.dataset.visitId); });
  });
  board.querySelectorAll('.block').forEach((el) => el.addEventListener('click', () => visitMenu(el.dataset.visitId, el.dataset.carerId)));
  board.querySelectorAll('.row').forEach((row) => {
    row.addEventListener('dragover', (e) => {
      e.preventDefault();
      row.classList.add('drop-target');
      const lane = e.target.closest?.('.lane');
      showDropTime(row, lane ? dropMinute(lane, e.clientX) : null);
    });
    row.addEventListener('dragleave', (e) => {
      if (row.contains(e.relatedTarget)) return;
      row.classList.remove('drop-target');
      showDropTime(row, null);
    });
    row.addEventListener('drop', (e) => {
      e.preventDefault();
      row.classList.remove('drop-target');
      showDropTime(row, null);
      const visitId = e.dataTransfer.getData('text/plain') || state.drag?.visitId;
      const lane = e.target.closest?.('.lane');
      // on the time line: that carer at that time; on the name: that carer, as early as fits
      const at = lane ? hhmm(dropMinute(lane, e.clientX)) : null;
      const fromCarerId = state.drag?.visitId === visitId ? state.drag.fromCarerId : null;
      state.drag = null;
      if (visitId) guarded(() => assign(visitId, row.dataset.carerId, row.dataset.carerName, false, at, fromCarerId));
    });
  });
  board.querySelectorAll('[data-map]').forEach((b) => b.addEventListener('click', () => showMap(b.dataset.map)));
  board.querySelectorAll('[data-lock]').forEach((b) => b.addEventListener('click', () => lockDay(b.dataset.lock)));
}

function dragStart(e) {
  const el = e.currentTarget;
  e.dataTransfer.setData('text/plain', el.dataset.visitId);
  e.dataTransfer.effectAllowed = 'move';
  // where in the block it was grabbed: the block's start lands at the pointer minus that
  const grabbed = el.classList.contains('block') && state.grab?.visitId === el.dataset.visitId ? state.grab.minutes : 0;
  state.drag = { visitId: el.dataset.visitId, grabMinutes: grabbed, fromCarerId: el.dataset.carerId || null };
}

function pxPerMinute() {
  return parseFloat(getComputedStyle($('board')).getPropertyValue('--px-per-min')) || 1.6;
}

/** The minute of the day a drop at clientX on a lane stands for (block start), snapped to 5 minutes. */
function dropMinute(lane, clientX) {
  const raw = state.axisStart + (clientX - lane.getBoundingClientRect().left) / pxPerMinute() - (state.drag?.grabMinutes || 0);
  return Math.max(0, Math.min(24 * 60 - SNAP_MINUTES, Math.round(raw / SNAP_MINUTES) * SNAP_MINUTES));
}

/** While dragging over a carer's time line: a marker at the start the visit would get. */
function showDropTime(row, minute) {
  let marker = row.querySelector('.drop-time');
  if (minute === null) { marker?.remove(); return; }
  if (!marker) {
    marker = document.createElement('span');
    marker.className = 'drop-time';
    marker.setAttribute('aria-hidden', 'true');
    row.querySelector('.lane').append(marker);
  }
  marker.style.left = `calc(${minute - state.axisStart}px * var(--px-per-min))`;
  marker.textContent = hhmm(minute);
}

const hhmm = (min) => `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;

// ---- dialogs ------------------------------------------------------------------------------------

function dialog(title, body, buttons) {
  return new Promise((resolve) => {
    const d = $('dialog');
    $('dialog-title').textContent = title;
    $('dialog-body').innerHTML = body;
    // Cancel-like buttons skip the form's validation (a required field must not trap the user)
    $('dialog-buttons').innerHTML = buttons.map((b) => `<button value="${b.value}" class="${b.className || ''}" ${['cancel', 'close'].includes(b.value) ? 'formnovalidate' : ''}>${esc(b.label)}</button>`).join('');
    d.returnValue = '';
    const opener = document.activeElement;
    d.addEventListener('close', () => {
      const data = new FormData($('dialog-form'));
      if (opener?.isConnected) opener.focus(); // back where the keyboard user was
      resolve({ value: d.returnValue || 'cancel', form: Object.fromEntries(data.entries()), data });
    }, { once: true });
    d.showModal();
    // focus the first field of a form, else the first button (keyboard users start where they type)
    (d.querySelector('#dialog-body :is(input, select, textarea):not([disabled])') || d.querySelector('#dialog-buttons button'))?.focus();
  });
}

// ---- adjusting ----------------------------------------------------------------------------------

/**
 * Moves a visit to a carer (and, with `at` = "HH:MM", to that start time), through the server.
 * Nothing is changed on the page before the server answers; every answer ends with the board
 * reloaded from the server, so a refusal, a stale version or a plan published meanwhile leaves it
 * showing the truth.
 */
async function assign(visitId, carerId, carerName, confirm = false, at = null, fromCarerId = null) {
  const plan = state.plan;
  if (!plan) return;
  if (plan.status !== 'DRAFT') {
    say('Only a draft can be changed by hand: generate a rota or make a same-day change to get a draft.');
    return;
  }
  const visit = state.visitsById.get(visitId);
  const requestedStart = at ? londonInstant($('date').value, at) : null;
  const data = await gql(`mutation($input: AssignVisitInput!) { assignVisit(input: $input) { __typename
    ... on VisitAssigned { score brokenConstraints { name impact level } plan { id version } }
    ... on AssignmentBreaksConstraints { message score brokenConstraints { name impact level } }
    ... on Problem { message } ... on InvalidInput { field reason } ... on StalePlan { currentVersion }
    ... on PlanNotPublishable { status } } }`,
  { input: { planId: plan.id, expectedVersion: plan.version, visitId, carerId, fromCarerId, requestedStart, confirm } });
  const result = data.assignVisit;
  const what = `${visit?.serviceUser?.name || 'the visit'} to ${carerName}${at ? ` at ${at}` : ''}`;
  if (result.__typename === 'VisitAssigned') {
    await loadBoard(plan.id);
    const landed = document.querySelector(`.row[data-carer-id="${carerId}"] .block[data-visit-id="${visitId}"]`)?.dataset.start;
    const late = at && landed && landed !== at ? ` It starts at ${landed}: the carer cannot get there by ${at}.` : '';
    say(`Moved ${what}. Score now ${result.score}${result.brokenConstraints.length ? ` (confirmed: ${result.brokenConstraints.map((b) => b.name).join(', ')})` : ''}.${late}`, true);
  } else if (result.__typename === 'AssignmentBreaksConstraints') {
    const list = result.brokenConstraints.map((b) => `<li class="${b.level}"><strong>${esc(b.name)}</strong> (${esc(b.level)}, ${esc(b.impact)})</li>`).join('');
    const answer = await dialog(`Moving ${what} breaks constraints`,
      `<p>${esc(result.message)}</p><ul class="broken" id="broken-constraints">${list}</ul><p>Score if applied: <code>${esc(result.score)}</code></p>`,
      [{ value: 'cancel', label: 'Cancel', className: 'secondary' }, { value: 'confirm', label: 'Apply anyway', className: 'danger' }]);
    if (answer.value === 'confirm') await assign(visitId, carerId, carerName, true, at, fromCarerId);
    else say('Nothing changed.', true);
  } else if (result.__typename === 'StalePlan') {
    await loadBoard(plan.id);
    if (state.plan?.status === 'DRAFT') say('Someone else changed this plan since you loaded it, so your move was not applied. The board now shows their version: try again.');
    else say(`Someone else changed this plan since you loaded it: it is no longer a draft (it is ${String(state.plan?.status).toLowerCase()}), so your move was not applied. The board now shows the current plan.`);
  } else if (result.__typename === 'PlanNotPublishable') {
    await loadBoard();
    say(`This plan is no longer a draft (it is ${String(result.status).toLowerCase()}: someone published or replaced it), so your move was not applied. The board now shows the current plan.`);
  } else {
    await loadBoard(plan.id);
    say(`The server refused the move: ${problem(result)}. Nothing changed.`);
  }
}

async function visitMenu(visitId, carerId = null) {
  const visit = (carerId && state.slots.get(`${visitId}/${carerId}`)) || state.visitsById.get(visitId);
  if (!visit) return;
  const rows = [...document.querySelectorAll('.row')];
  const options = rows.map((r) => `<option value="${r.dataset.carerId}" ${visit.carer?.id === r.dataset.carerId ? 'selected' : ''}>${esc(r.dataset.carerName)}</option>`).join('');
  const a = visit.assignment;
  const body = `<p>${esc(visit.serviceUser.name)} · window ${hm(visit.windowStart)}–${hm(visit.windowEnd)} · ${visit.durationMinutes} min · ${visit.priority.toLowerCase().replace('_', ' ')}
    ${a ? `<br>With ${esc(visit.carer.name)} at ${hm(a.startAt)}${a.brokenConstraints.length ? `<br>Confirmed breaking: ${a.brokenConstraints.map(esc).join(', ')}` : ''}` : '<br>Unassigned'}</p>
    <label>Move to carer <select name="carer" id="move-carer">${options}</select></label>
    <label>Start at (optional, within the window) <input name="at" id="move-at" type="time" step="300" min="${hm(visit.windowStart)}" max="${hm(visit.windowEnd)}"></label>`;
  const buttons = [{ value: 'move', label: 'Move' }];
  if (a) buttons.push({ value: a.pinned ? 'unpin' : 'pin', label: a.pinned ? 'Unpin' : 'Pin', className: 'secondary' });
  buttons.push({ value: 'cancel', label: 'Close', className: 'secondary' });
  const answer = await dialog('Visit', body, buttons);
  if (answer.value === 'move') {
    const row = rows.find((r) => r.dataset.carerId === answer.form.carer);
    await guarded(() => assign(visitId, answer.form.carer, row?.dataset.carerName || 'the carer', false, answer.form.at || null, visit.carer?.id || null));
  } else if (answer.value === 'pin' || answer.value === 'unpin') {
    await guarded(async () => {
      const field = answer.value === 'pin' ? 'pinAssignment' : 'unpinAssignment';
      const type = answer.value === 'pin' ? 'PinAssignmentInput' : 'UnpinAssignmentInput';
      const data = await gql(`mutation($input: ${type}!) { r: ${field}(input: $input) { __typename ... on Problem { message } } }`,
        { input: { assignmentId: a.id, expectedVersion: a.version } });
      await loadBoard(state.plan.id);
      if (data.r.__typename === 'AssignmentPinned') say(answer.value === 'pin' ? 'Pinned: re-planning keeps it where it is.' : 'Unpinned.', true);
      else if (data.r.__typename === 'StaleAssignment') say('Someone else changed this visit since you loaded it: nothing changed, the board has been reloaded.');
      else say(`Refused: ${problem(data.r)}. Nothing changed.`);
    });
  }
}

async function lockDay(carerId) {
  const name = document.querySelector(`.row[data-carer-id="${carerId}"]`)?.dataset.carerName;
  const answer = await dialog(`Lock ${name}'s day`, `<p>A locked day is kept as it is when the area is re-planned.</p>`,
    [{ value: 'lock', label: 'Lock the day' }, { value: 'unlock', label: 'Unlock', className: 'secondary' }, { value: 'cancel', label: 'Cancel', className: 'secondary' }]);
  if (answer.value === 'cancel') return;
  await guarded(async () => {
    const data = await gql(`mutation($input: LockCarerDayInput!) { lockCarerDay(input: $input) { __typename
      ... on CarerDayLocked { locked shifts } ... on Problem { message } } }`,
    { input: { carerId, date: $('date').value, locked: answer.value === 'lock' } });
    const r = data.lockCarerDay;
    if (r.__typename === 'CarerDayLocked') {
      say(`${name}'s day is ${r.locked ? 'locked' : 'unlocked'} (${r.shifts} shift${r.shifts === 1 ? '' : 's'}).`, true);
      document.querySelector(`.row[data-carer-id="${carerId}"]`)?.classList.toggle('locked', r.locked);
    } else say(`Refused: ${problem(r)}`);
  });
}

// ---- generating ---------------------------------------------------------------------------------

async function generate() {
  const area = $('area').value;
  const date = $('date').value;
  const [from, to] = $('view').value === 'week' ? weekOf(date) : [date, date];
  const seconds = Number($('seconds').value) || 10;
  const data = await gql(`mutation($input: GenerateRotaInput!) { generateRota(input: $input) { __typename
    ... on RotaGenerationQueued { job { id status timeLimitSeconds } } ... on Problem { message } ... on InvalidInput { field reason } } }`,
  { input: { area, from, to, timeLimitSeconds: seconds } });
  const r = data.generateRota;
  if (r.__typename !== 'RotaGenerationQueued') { say(`Cannot generate: ${problem(r)}`); return; }
  say('');
  watchJob(r.job.id, 'Generating');
}

function watchJob(jobId, label, then) {
  state.job = jobId;
  $('progress').hidden = false;
  $('stop').hidden = false;
  $('generate').disabled = true;
  const bar = $('progress-bar');
  const text = $('progress-text');
  text.textContent = `${label}: queued…`;
  bar.value = 0;
  let finished = false;
  let lost = false;
  const finish = async (status, planId, error) => {
    if (finished) return; // the subscription and the polling may both see the end
    finished = true;
    busy(+1);
    try {
      await finishNow(status, planId, error);
    } catch (failure) {
      say(`${failure.message || failure} The board shows what the server has.`);
      await loadBoard().catch(() => {});
    } finally {
      busy(-1);
    }
  };
  const finishNow = async (status, planId, error) => {
    state.cancelSubscription?.();
    state.cancelSubscription = null;
    state.job = null;
    $('stop').hidden = true;
    $('generate').disabled = false;
    if (status === 'FAILED') { text.textContent = `${label}: failed.`; say(`Generation failed: ${error || 'see the server log'}. Nothing was changed.`); await loadBoard(); return; }
    text.textContent = `${label}: ${status.toLowerCase()}.`;
    if (lost) say(`The live connection was lost during ${label.toLowerCase()}; the page asked the server instead. ${label} ${status.toLowerCase()}: the board shows the server's result.`, true);
    if (planId) {
      await loadBoard(planId);
      if (then) await then(planId);
      else if (state.published && state.published.id !== planId) await showDiff(state.published.id, planId, 'Draft against the published rota');
      else $('review').innerHTML = '<p>No published rota to compare with: this draft is new. Review it on the board, then publish.</p>', $('review').hidden = false;
    }
  };
  const poll = async () => {
    // the socket was lost: ask the server for the job until it ends
    for (let i = 0; i < 400 && state.job === jobId; i++) {
      try {
        const d = await gql('query($id: UUID!) { solverJob(id: $id) { status progressPercent bestScore error plan { id } } }', { id: jobId });
        const j = d.solverJob;
        if (!j) { await finish('FAILED', null, 'the job is no longer known to the server'); return; }
        bar.value = j.progressPercent;
        text.innerHTML = `${label} (checking every few seconds): <span id="progress-status">${j.status.toLowerCase()}</span> · ${j.progressPercent}% · best score <code id="best-score">${esc(j.bestScore || '—')}</code>`;
        if (['COMPLETED', 'FAILED', 'CANCELLED'].includes(j.status)) { await finish(j.status, j.plan?.id, j.error); return; }
      } catch (error) {
        if (error instanceof ApiError && error.unauthorised) { state.job = null; session.clear(); showSignIn(); say(error.message); return; }
        text.textContent = `${label}: the server cannot be reached; trying again…`;
      }
      await new Promise((r) => setTimeout(r, 1500));
    }
  };
  state.cancelSubscription = subscribe(
    'subscription($jobId: UUID!) { solverProgress(jobId: $jobId) { status bestScore feasible progressPercent planId } }',
    { jobId },
    {
      onNext: (d) => {
        const p = d.solverProgress;
        bar.value = p.progressPercent;
        text.innerHTML = `${label}: <span id="progress-status">${p.status.toLowerCase()}</span> · ${p.progressPercent}% · best score <code id="best-score">${esc(p.bestScore || '—')}</code>${p.feasible === false ? ' (not yet feasible)' : ''}`;
        if (['COMPLETED', 'FAILED', 'CANCELLED'].includes(p.status) && (p.planId || p.status !== 'COMPLETED')) finish(p.status, p.planId);
      },
      onDone: () => { if (state.job === jobId) poll(); },
      onLost: (err) => {
        if (state.job !== jobId) return;
        lost = true;
        say(`${err.message} Generation goes on at the server; the page is checking on it and will show the draft when it is ready.`);
        poll();
      },
    },
  );
}

async function stop() {
  if (!state.job) return;
  const data = await gql(`mutation($input: StopSolverJobInput!) { stopSolverJob(input: $input) { __typename ... on Problem { message } } }`, { input: { id: state.job } });
  const r = data.stopSolverJob;
  say(r.__typename === 'SolverJobStopping' ? 'Stopping: the best rota found so far becomes the draft.' : problem(r), r.__typename === 'SolverJobStopping');
}

// ---- review, publish, receipts ------------------------------------------------------------------

function describeDiff(cmp) {
  const gained = new Map(); const lost = new Map();
  for (const c of cmp.carers) {
    for (const v of c.gained) gained.set(v.id, { v, carer: c.carer.name });
    for (const v of c.lost) lost.set(v.id, { v, carer: c.carer.name });
  }
  const rows = [];
  for (const [id, g] of gained) {
    if (lost.has(id)) rows.push(['moved', g.v, `${lost.get(id).carer} → ${g.carer}`]);
    else rows.push(['added', g.v, `to ${g.carer}`]);
  }
  for (const [id, l] of lost) if (!gained.has(id)) rows.push(['removed', l.v, `from ${l.carer}`]);
  for (const c of cmp.carers) for (const v of c.retimed) rows.push(['retimed', v, `${c.carer.name}`]);
  for (const v of cmp.newlyUnassigned) rows.push(['removed', v, 'now unassigned']);
  for (const v of cmp.newlyAssigned) rows.push(['added', v, 'now placed']);
  return rows;
}

async function showDiff(a, b, title) {
  const data = await gql(`query($a: UUID!, $b: UUID!) { comparePlans(a: $a, b: $b) { ${DIFF} } }`, { a, b });
  renderDiff(data.comparePlans, title);
}

function renderDiff(cmp, title) {
  const rows = describeDiff(cmp);
  state.lastDiff = rows;
  const counts = ['moved', 'added', 'removed', 'retimed'].map((k) => `${rows.filter((r) => r[0] === k).length} ${k}`).join(', ');
  const review = $('review');
  review.hidden = false;
  review.innerHTML = `<h3 id="diff-title">${esc(title)}: ${counts}</h3>
    ${rows.length ? `<div class="diff-box" tabindex="0" role="region" aria-label="Changes"><table id="diff"><thead><tr><th>change</th><th>visit</th><th>carer</th></tr></thead><tbody>
    ${rows.map(([k, v, who]) => `<tr class="${k}"><td>${k}</td><td>${esc(v.serviceUser.name)} ${hm(v.windowStart)}</td><td>${esc(who)}</td></tr>`).join('')}
    </tbody></table></div>` : '<p>No carer\'s day changes.</p>'}
    <p>${state.plan?.status === 'DRAFT' ? '<button type="button" id="publish-review">Publish this draft</button>' : ''}
      <button type="button" class="secondary" id="close-review">Close</button></p>`;
  $('publish-review')?.addEventListener('click', () => guarded(publish));
  $('close-review').addEventListener('click', () => { review.hidden = true; });
  const changed = new Set(rows.map((r) => r[1].id));
  document.querySelectorAll('.block').forEach((el) => el.classList.toggle('changed', changed.has(el.dataset.visitId)));
}

async function publish() {
  const plan = state.plan;
  const data = await gql(`mutation($input: PublishRotaInput!) { publishRota(input: $input) { __typename
    ... on RotaPublished { feedChanges carersNotified plan { id revision } } ... on StalePlan { currentVersion } ... on Problem { message } } }`,
  { input: { planId: plan.id, expectedVersion: plan.version } });
  const r = data.publishRota;
  if (r.__typename === 'RotaPublished') {
    say(`Published revision ${r.plan.revision}: ${r.carersNotified} carer${r.carersNotified === 1 ? '' : 's'} will get changes on their phones.`, true);
    $('review').hidden = true;
    await loadBoard(plan.id);
    await showReceipts(plan.id);
  } else if (r.__typename === 'StalePlan') {
    await loadBoard(plan.id);
    say('Not published: this plan changed since you loaded it (someone else adjusted it). The board now shows their version: review it and publish again.');
  } else {
    await loadBoard();
    say(`Not published: ${problem(r)}. The board now shows the current plan.`);
  }
}

async function showReceipts(planId) {
  const response = await http(`/sync/plans/${planId}/carers-not-up-to-date`);
  const box = $('receipts');
  box.hidden = false;
  if (!response.ok) { box.textContent = `Read receipts are not available (${response.status}).`; return; }
  const waiting = await response.json();
  const everyone = new Set((state.plan?.routes || []).map((r) => r.carer.name));
  const waitingNames = new Set(waiting.map((c) => c.carerName));
  const received = [...everyone].filter((n) => !waitingNames.has(n));
  box.innerHTML = `<h3 id="receipts-title">Read receipts</h3>
    <p><strong>Not yet received (${waiting.length}):</strong> ${waiting.map((c) => `${esc(c.carerName)}${c.lastAcknowledgedAt ? ` (last synced ${new Date(c.lastAcknowledgedAt).toLocaleString('en-GB')})` : ' (never synced)'}`).join(', ') || 'none'}</p>
    <p><strong>Received (${received.length}):</strong> ${received.map(esc).join(', ') || 'none yet'}</p>
    <button type="button" class="secondary" id="refresh-receipts">Refresh</button>`;
  $('refresh-receipts').addEventListener('click', () => guarded(() => showReceipts(planId)));
}

// ---- same-day changes ---------------------------------------------------------------------------

async function sameDay() {
  const date = $('date').value;
  const carers = (state.plan?.routes || []).map((r) => r.carer);
  const visits = [...state.visitsById.values()].filter((v) => v.assignment);
  let serviceUsers = [];
  try {
    const d = await gql('query($area: UUID) { serviceUsers(first: 200, area: $area) { edges { node { id name } } } }', { area: $('area').value });
    serviceUsers = d.serviceUsers.edges.map((e) => e.node);
  } catch { /* the select stays empty */ }
  const opt = (xs, label) => xs.map((x) => `<option value="${x.id}">${esc(label(x))}</option>`).join('');
  const body = `
    <label>Change <select name="kind" id="same-day-kind">
      <option value="absence">Carer absent</option><option value="urgent">Urgent visit</option>
      <option value="cancel">Cancel a visit</option><option value="overrun">Visit overran</option></select></label>
    <fieldset><legend>Absence</legend>
      <label>Carer <select name="carer">${opt(carers, (c) => c.name)}</select></label>
      <label>From <input name="from" type="time" value="06:00"></label><label>To <input name="to" type="time" value="23:00"></label>
      <label>Kind <select name="absenceKind"><option>SICKNESS</option><option>ANNUAL_LEAVE</option><option>TRAINING</option><option>COMPASSIONATE</option><option>UNAVAILABLE</option><option>OTHER</option></select></label>
      <label>Reason <input name="reason" value="sick"></label></fieldset>
    <fieldset><legend>Urgent visit</legend>
      <label>Person <select name="serviceUser">${opt(serviceUsers, (s) => s.name)}</select></label>
      <label>Window from <input name="windowStart" type="time" value="14:00"></label><label>to <input name="windowEnd" type="time" value="15:00"></label>
      <label>Minutes <input name="duration" type="number" min="5" max="480" value="30"></label>
      <label>Priority <select name="priority"><option>HIGH</option><option>TIME_CRITICAL</option><option>NORMAL</option><option>LOW</option></select></label></fieldset>
    <fieldset><legend>Cancel or overrun</legend>
      <label>Visit <select name="visit">${opt(visits, (v) => `${hm(v.assignment.startAt)} ${v.serviceUser.name} (${v.carer.name})`)}</select></label>
      <label>Extra minutes (overrun) <input name="minutes" type="number" min="1" max="480" value="20"></label></fieldset>
    <label>Solver seconds <input name="seconds" type="number" min="1" max="120" value="5"></label>`;
  const answer = await dialog('Same-day change', body, [{ value: 'apply', label: 'Record and re-plan' }, { value: 'cancel', label: 'Cancel', className: 'secondary' }]);
  if (answer.value !== 'apply') return;
  const f = answer.form;
  const at = (t) => londonInstant(date, t);
  const seconds = Number(f.seconds) || 5;
  const SAME = `__typename ... on SameDayReplanned { replans { date published basePlanId job { id status } plan { id status } diff { ${DIFF} } } }
    ... on Problem { message } ... on InvalidInput { field reason }`;
  await guarded(async () => {
    say('Recording the change and re-planning…', true);
    let result;
    if (f.kind === 'absence') {
      result = (await gql(`mutation($input: ReportAbsenceInput!) { r: reportAbsence(input: $input) { ${SAME} } }`,
        { input: { carerId: f.carer, from: at(f.from), to: at(f.to), kind: f.absenceKind, reason: f.reason, timeLimitSeconds: seconds } })).r;
    } else if (f.kind === 'urgent') {
      result = (await gql(`mutation($input: AddUrgentVisitInput!) { r: addUrgentVisit(input: $input) { ${SAME} } }`,
        { input: { serviceUserId: f.serviceUser, windowStart: at(f.windowStart), windowEnd: at(f.windowEnd), durationMinutes: Number(f.duration), priority: f.priority, timeLimitSeconds: seconds } })).r;
    } else if (f.kind === 'cancel') {
      result = (await gql(`mutation($input: CancelVisitInput!) { r: cancelVisit(input: $input) { ${SAME} } }`,
        { input: { visitId: f.visit, reason: 'cancelled by coordinator', timeLimitSeconds: seconds } })).r;
    } else {
      result = (await gql(`mutation($input: ReportOverrunInput!) { r: reportOverrun(input: $input) { ${SAME} } }`,
        { input: { visitId: f.visit, minutes: Number(f.minutes), timeLimitSeconds: seconds } })).r;
    }
    if (result.__typename !== 'SameDayReplanned') { say(`Refused: ${problem(result)}. Nothing changed.`); await loadBoard(); return; }
    if (!result.replans.length) { say('Recorded. No published rota was affected, so nothing was re-planned.', true); await loadBoard(); return; }
    const replan = result.replans.find((r) => r.date === date) || result.replans[0];
    if (replan.plan && replan.diff) {
      say(replan.published ? 'Recorded, re-planned and published (the organisation publishes same-day changes at once).' : 'Recorded and re-planned: review the draft, then publish.', true);
      await loadBoard(replan.plan.id);
      renderDiff(replan.diff, replan.published ? 'Same-day re-plan (published)' : 'Same-day re-plan against the published rota');
    } else {
      say('Recorded: re-planning…', true);
      watchJob(replan.job.id, 'Re-planning', async (planId) => {
        if (replan.basePlanId) await showDiff(replan.basePlanId, planId, 'Same-day re-plan against the published rota');
      });
    }
  });
}

/** A Europe/London wall-clock time on a date as an ISO instant. */
function londonInstant(date, time) {
  const guess = new Date(`${date}T${time}:00Z`);
  const shown = minutesOfDay(guess.toISOString());
  const [h, m] = time.split(':').map(Number);
  let offset = shown - (h * 60 + m);
  if (offset > 720) offset -= 1440; if (offset < -720) offset += 1440;
  return new Date(guess.getTime() - offset * 60000).toISOString();
}

// ---- map, week, reference data ------------------------------------------------------------------

async function showMap(carerId) {
  const route = state.plan.routes.find((r) => r.carer.id === carerId && r.date === $('date').value);
  const tiles = (await pageConfig().catch(() => ({}))).map || {};
  $('map-panel').hidden = false;
  $('map-title').textContent = `Map of ${route.carer.name}'s day`;
  drawMap($('map'), route.assignments.map((a) => ({
    lat: a.visit.serviceUser.location.lat, lon: a.visit.serviceUser.location.lon,
    label: `${hm(a.startAt)} ${a.visit.serviceUser.name}`,
  })), tiles);
  $('map-panel').scrollIntoView({ behavior: 'smooth' });
}

async function renderWeek() {
  const [from, to] = weekOf($('date').value);
  const days = [];
  for (let d = new Date(`${from}T12:00:00Z`); d.toISOString().slice(0, 10) <= to; d.setUTCDate(d.getUTCDate() + 1)) days.push(d.toISOString().slice(0, 10));
  const data = await gql(`query($id: UUID!) { plan(id: $id) { routes { date carer { id name } assignments { visit { durationMinutes } travelMinutesBefore } } } }`, { id: state.plan.id });
  const byCarer = new Map();
  for (const r of data.plan.routes) {
    if (!byCarer.has(r.carer.id)) byCarer.set(r.carer.id, { name: r.carer.name, days: {} });
    byCarer.get(r.carer.id).days[r.date] = r.assignments;
  }
  $('board').hidden = true;
  const week = $('week');
  week.hidden = false;
  week.innerHTML = `<table><caption>Week ${from} to ${to} in plan revision ${state.plan.revision} (visits · contact hours)</caption>
    <thead><tr><th>Carer</th>${days.map((d) => `<th>${new Date(`${d}T12:00:00Z`).toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric' })}</th>`).join('')}</tr></thead>
    <tbody>${[...byCarer.values()].sort((a, b) => a.name.localeCompare(b.name)).map((c) => `<tr><th>${esc(c.name)}</th>${days.map((d) => {
      const as = c.days[d]; if (!as?.length) return '<td></td>';
      return `<td>${as.length} · ${hours(as.reduce((s, a) => s + a.visit.durationMinutes, 0))}</td>`;
    }).join('')}</tr>`).join('')}</tbody></table>`;
  renderUnassigned($('date').value);
}

// ---- start ----------------------------------------------------------------------------------------

$('sign-in-form').addEventListener('submit', (e) => {
  e.preventDefault();
  guarded(async () => {
    const who = await signIn($('user').value.trim());
    session.set(who);
    say('');
    if (route(who)) await showBoard(who);
  });
});
$('oidc-button').addEventListener('click', () => guarded(() => signInWithProvider({ returnTo: '/' + location.hash })));
$('sign-out').addEventListener('click', () => guarded(async () => {
  if (!(await signOut())) { say(''); await showSignIn(); }
}));
$('controls').addEventListener('submit', (e) => { e.preventDefault(); say(''); guarded(() => loadBoard()); });
$('view').addEventListener('change', () => guarded(() => loadBoard()));
$('generate').addEventListener('click', () => guarded(generate));
$('stop').addEventListener('click', () => guarded(stop));
$('same-day').addEventListener('click', () => sameDay());
initReference({
  say, guarded, dialog, londonInstant, areaId: () => $('area').value, areas: () => state.areas,
});

const existing = session.get();
if (existing && !existing.role) session.clear();
if (existing?.role && route(existing)) guarded(() => showBoard(existing)); else if (!existing?.role) showSignIn();
