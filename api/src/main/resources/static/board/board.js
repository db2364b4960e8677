// The coordinator's rota board: sign-in with role routing, the board of an area and a day, rota
// generation with live progress, review (diff) and publish with read receipts, drag-and-drop
// assignment with the broken constraints shown before confirming, pin/unpin, lock a carer's day,
// same-day changes with their diff, the map of a carer's day and the reference data.
// Every change is sent to the server and the board is then reloaded from it: nothing is applied
// locally first, so a refusal leaves the board showing the truth.
import { ApiError, gql, http, session, signIn, subscribe } from './api.js';
import { drawMap } from './map.js';

// National Living Wage for workers aged 21 and over from 1 April 2026 (the plan's metrics carry
// the effective hourly pay; the board compares it with this rate).
const MINIMUM_WAGE = 12.71;
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
  visitsById: new Map(), lastDiff: null,
};

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
  }
}

function problem(result) {
  if (!result?.__typename) return 'The server gave no answer.';
  if (result.__typename === 'InvalidInput') return `${result.message} (${result.field}: ${result.reason})`;
  return result.message || result.__typename;
}

// ---- sign-in --------------------------------------------------------------------------------

function route(who) {
  if (who.role === 'CARER') { location.assign('/app/'); return false; }
  if (who.role === 'COMMISSIONER') { location.assign('/reports/index.html'); return false; }
  return true;
}

function showSignIn() {
  $('sign-in').hidden = false;
  $('board-view').hidden = true;
  $('sign-out').hidden = true;
  $('who').textContent = '';
  $('user').focus();
}

async function showBoard(who) {
  $('sign-in').hidden = true;
  $('board-view').hidden = false;
  $('sign-out').hidden = false;
  $('who').textContent = `${who.user} · ${who.role.toLowerCase()}`;
  const data = await gql('{ areas { id name kind } }');
  state.areas = data.areas;
  const select = $('area');
  select.innerHTML = data.areas.map((a) => `<option value="${a.id}">${esc(a.name)} (${a.kind.toLowerCase()})</option>`).join('');
  const params = new URLSearchParams(location.hash.slice(1));
  if (params.get('area')) select.value = params.get('area');
  $('date').value = params.get('date') || $('date').value || new Date().toISOString().slice(0, 10);
  await loadBoard();
}

// ---- loading the board ------------------------------------------------------------------------

function weekOf(date) {
  const d = new Date(`${date}T12:00:00Z`);
  const monday = new Date(d); monday.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  const sunday = new Date(monday); sunday.setUTCDate(monday.getUTCDate() + 6);
  return [monday.toISOString().slice(0, 10), sunday.toISOString().slice(0, 10)];
}

async function loadBoard(preferPlanId) {
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
  renderPlanBar();
  if ($('view').value === 'week') await renderWeek(); else renderBoard();
}

// ---- plan bar -----------------------------------------------------------------------------------

function renderPlanBar() {
  const bar = $('plan-bar');
  const plan = state.plan;
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
    <span class="legend">Drag a visit onto another carer to move it (or select a visit and press Enter).</span>`;
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
  if (m.minEffectiveHourlyPay !== undefined) parts.push(`lowest effective pay £${Number(m.minEffectiveHourlyPay).toFixed(2)}/h (NLW £${MINIMUM_WAGE})`);
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
  // time range
  let start = DAY_START; let end = DAY_END;
  for (const r of routes) for (const a of r.assignments) {
    start = Math.min(start, minutesOfDay(a.arrivalAt) - Math.ceil(a.travelMinutesBefore) - 15);
    end = Math.max(end, minutesOfDay(a.endAt) + 30);
  }
  start = Math.max(0, Math.floor(start / 60) * 60); end = Math.min(24 * 60, Math.ceil(end / 60) * 60);
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
      const payText = pay === undefined ? '' : ` · <span class="${pay < MINIMUM_WAGE ? 'pay-low' : ''}" title="effective hourly pay against the minimum wage £${MINIMUM_WAGE}">£${pay.toFixed(2)}/h${pay < MINIMUM_WAGE ? ' below NLW' : ''}</span>`;
      const visitsCount = new Set(as.map((a) => a.visit.id)).size;
      let lane = '';
      let previousEnd = null;
      for (const a of as) {
        state.visitsById.set(a.visit.id, { ...a.visit, assignment: a, carer: r.carer });
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
          style="left:${x(begin)};width:${w(finish - begin)}" data-visit-id="${a.visit.id}" data-assignment-id="${a.id}" data-carer-id="${r.carer.id}"
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
    return `<li draggable="true" tabindex="0" data-visit-id="${u.visit.id}" aria-label="Unassigned: ${esc(u.visit.serviceUser.name)} ${hm(u.visit.windowStart)} to ${hm(u.visit.windowEnd)}">
      <strong>${esc(u.visit.serviceUser.name)}</strong> ${hm(u.visit.windowStart)}–${hm(u.visit.windowEnd)} · ${u.visit.durationMinutes} min
      ${u.visit.carersRequired > 1 ? ` · double-up (place ${u.slotIndex + 1})` : ''}${u.visit.priority === 'TIME_CRITICAL' ? ' · <strong class="removed">time-critical</strong>' : ''}
      <p class="reasons">${u.reasons.map((r) => esc(nameIds(r))).join('; ') || 'No reason given by the planner.'}</p></li>`;
  }).join('') || '<li class="hint">Every visit is placed.</li>';
}

function wireBoard() {
  const board = $('board');
  board.querySelectorAll('[draggable="true"]').forEach((el) => el.addEventListener('dragstart', dragStart));
  $('unassigned-list').querySelectorAll('[draggable="true"]').forEach((el) => {
    el.addEventListener('dragstart', dragStart);
    el.addEventListener('keydown', (e) => { if (e.key === 'Enter') visitMenu(el.dataset.visitId); });
  });
  board.querySelectorAll('.block').forEach((el) => el.addEventListener('click', () => visitMenu(el.dataset.visitId, el.dataset.assignmentId)));
  board.querySelectorAll('.row').forEach((row) => {
    row.addEventListener('dragover', (e) => { e.preventDefault(); row.classList.add('drop-target'); });
    row.addEventListener('dragleave', () => row.classList.remove('drop-target'));
    row.addEventListener('drop', (e) => {
      e.preventDefault();
      row.classList.remove('drop-target');
      const visitId = e.dataTransfer.getData('text/plain');
      if (visitId) guarded(() => assign(visitId, row.dataset.carerId, row.dataset.carerName));
    });
  });
  board.querySelectorAll('[data-map]').forEach((b) => b.addEventListener('click', () => showMap(b.dataset.map)));
  board.querySelectorAll('[data-lock]').forEach((b) => b.addEventListener('click', () => lockDay(b.dataset.lock)));
}

function dragStart(e) {
  e.dataTransfer.setData('text/plain', e.currentTarget.dataset.visitId);
  e.dataTransfer.effectAllowed = 'move';
}

// ---- dialogs ------------------------------------------------------------------------------------

function dialog(title, body, buttons) {
  return new Promise((resolve) => {
    const d = $('dialog');
    $('dialog-title').textContent = title;
    $('dialog-body').innerHTML = body;
    $('dialog-buttons').innerHTML = buttons.map((b, i) => `<button value="${b.value}" class="${b.className || ''}" ${i === 0 ? 'autofocus' : ''}>${esc(b.label)}</button>`).join('');
    d.returnValue = '';
    d.addEventListener('close', () => {
      const form = Object.fromEntries(new FormData($('dialog-form')).entries());
      resolve({ value: d.returnValue || 'cancel', form });
    }, { once: true });
    d.showModal();
  });
}

// ---- adjusting ----------------------------------------------------------------------------------

async function assign(visitId, carerId, carerName, confirm = false) {
  const plan = state.plan;
  if (!plan) return;
  if (plan.status !== 'DRAFT') {
    say('Only a draft can be changed by hand: generate a rota or make a same-day change to get a draft.');
    return;
  }
  const data = await gql(`mutation($input: AssignVisitInput!) { assignVisit(input: $input) { __typename
    ... on VisitAssigned { score brokenConstraints { name impact level } plan { id version } }
    ... on AssignmentBreaksConstraints { message score brokenConstraints { name impact level } }
    ... on Problem { message } ... on InvalidInput { field reason } ... on StalePlan { currentVersion } } }`,
  { input: { planId: plan.id, expectedVersion: plan.version, visitId, carerId, confirm } });
  const result = data.assignVisit;
  const visit = state.visitsById.get(visitId);
  const what = `${visit?.serviceUser?.name || 'the visit'} to ${carerName}`;
  if (result.__typename === 'VisitAssigned') {
    say(`Moved ${what}. Score now ${result.score}${result.brokenConstraints.length ? ` (confirmed: ${result.brokenConstraints.map((b) => b.name).join(', ')})` : ''}.`, true);
    await loadBoard(plan.id);
  } else if (result.__typename === 'AssignmentBreaksConstraints') {
    const list = result.brokenConstraints.map((b) => `<li class="${b.level}"><strong>${esc(b.name)}</strong> (${esc(b.level)}, ${esc(b.impact)})</li>`).join('');
    const answer = await dialog(`Moving ${what} breaks constraints`,
      `<p>${esc(result.message)}</p><ul class="broken" id="broken-constraints">${list}</ul><p>Score if applied: <code>${esc(result.score)}</code></p>`,
      [{ value: 'cancel', label: 'Cancel', className: 'secondary' }, { value: 'confirm', label: 'Apply anyway', className: 'danger' }]);
    if (answer.value === 'confirm') await assign(visitId, carerId, carerName, true);
    else say('Nothing changed.', true);
  } else if (result.__typename === 'StalePlan') {
    say('Someone else changed this plan since you loaded it: the board has been reloaded; try again.');
    await loadBoard(plan.id);
  } else {
    say(`Refused: ${problem(result)}. Nothing changed.`);
    await loadBoard(plan.id);
  }
}

async function visitMenu(visitId, assignmentId) {
  const visit = state.visitsById.get(visitId);
  if (!visit) return;
  const rows = [...document.querySelectorAll('.row')];
  const options = rows.map((r) => `<option value="${r.dataset.carerId}">${esc(r.dataset.carerName)}</option>`).join('');
  const a = visit.assignment;
  const body = `<p>${esc(visit.serviceUser.name)} · window ${hm(visit.windowStart)}–${hm(visit.windowEnd)} · ${visit.durationMinutes} min · ${visit.priority.toLowerCase().replace('_', ' ')}
    ${a ? `<br>With ${esc(visit.carer.name)} at ${hm(a.startAt)}${a.brokenConstraints.length ? `<br>Confirmed breaking: ${a.brokenConstraints.map(esc).join(', ')}` : ''}` : '<br>Unassigned'}</p>
    <label>Move to carer <select name="carer">${options}</select></label>`;
  const buttons = [{ value: 'move', label: 'Move' }];
  if (a) buttons.push({ value: a.pinned ? 'unpin' : 'pin', label: a.pinned ? 'Unpin' : 'Pin', className: 'secondary' });
  buttons.push({ value: 'cancel', label: 'Close', className: 'secondary' });
  const answer = await dialog('Visit', body, buttons);
  if (answer.value === 'move') {
    const row = rows.find((r) => r.dataset.carerId === answer.form.carer);
    await guarded(() => assign(visitId, answer.form.carer, row?.dataset.carerName || 'the carer'));
  } else if (answer.value === 'pin' || answer.value === 'unpin') {
    await guarded(async () => {
      const field = answer.value === 'pin' ? 'pinAssignment' : 'unpinAssignment';
      const type = answer.value === 'pin' ? 'PinAssignmentInput' : 'UnpinAssignmentInput';
      const data = await gql(`mutation($input: ${type}!) { r: ${field}(input: $input) { __typename ... on Problem { message } } }`,
        { input: { assignmentId: a.id, expectedVersion: a.version } });
      if (data.r.__typename === 'AssignmentPinned') say(answer.value === 'pin' ? 'Pinned: re-planning keeps it where it is.' : 'Unpinned.', true);
      else say(`Refused: ${problem(data.r)}`);
      await loadBoard(state.plan.id);
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
  const finish = async (status, planId, error) => {
    state.cancelSubscription?.();
    state.cancelSubscription = null;
    state.job = null;
    $('stop').hidden = true;
    $('generate').disabled = false;
    if (status === 'FAILED') { say(`Generation failed: ${error || 'see the server log'}`); return; }
    text.textContent = `${label}: ${status.toLowerCase()}.`;
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
        bar.value = j.progressPercent;
        text.textContent = `${label} (polling): ${j.progressPercent}% · best score ${j.bestScore || '—'}`;
        if (['COMPLETED', 'FAILED', 'CANCELLED'].includes(j.status)) { await finish(j.status, j.plan?.id, j.error); return; }
      } catch { /* still offline: try again */ }
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
        say(`${err.message} Generation goes on at the server; the page is checking on it.`);
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
    say('This plan changed since you loaded it (someone else adjusted it): the board has been reloaded. Review it and publish again.');
    await loadBoard(plan.id);
  } else {
    say(`Not published: ${problem(r)}`);
    await loadBoard();
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

function showMap(carerId) {
  const route = state.plan.routes.find((r) => r.carer.id === carerId && r.date === $('date').value);
  $('map-panel').hidden = false;
  $('map-title').textContent = `Map of ${route.carer.name}'s day`;
  drawMap($('map'), route.assignments.map((a) => ({
    lat: a.visit.serviceUser.location.lat, lon: a.visit.serviceUser.location.lon,
    label: `${hm(a.startAt)} ${a.visit.serviceUser.name}`,
  })));
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

async function loadCarers() {
  const soon = new Date(Date.now() + 30 * 86400000).toISOString().slice(0, 10);
  const data = await gql('{ carers(first: 200) { edges { node { id name gender travelMode payModel contractedMinutesPerWeek pool { name sector } skills { name validUntil } } } } }');
  $('reference-out').innerHTML = `<table><caption>Carers (skills expiring within 30 days in red)</caption><thead><tr><th>Name</th><th>Pool</th><th>Travel</th><th>Pay</th><th>Contract</th><th>Skills</th></tr></thead><tbody>
    ${data.carers.edges.map(({ node: c }) => `<tr><td>${esc(c.name)}</td><td>${esc(c.pool.name)} (${c.pool.sector === 'HEALTH' ? 'health' : 'social care'})</td><td>${c.travelMode.toLowerCase()}</td><td>${c.payModel.toLowerCase()}</td>
      <td>${c.contractedMinutesPerWeek ? hours(c.contractedMinutesPerWeek) + '/wk' : '—'}</td>
      <td>${c.skills.map((s) => `<span class="${s.validUntil && s.validUntil <= soon ? 'expiring' : ''}">${esc(s.name)}${s.validUntil ? ` (to ${s.validUntil})` : ''}</span>`).join(', ')}</td></tr>`).join('')}</tbody></table>`;
}

async function loadServiceUsers() {
  const data = await gql('query($area: UUID) { serviceUsers(first: 200, area: $area) { edges { node { id name postcode genderPreference area { name } } } } }', { area: $('area').value });
  $('reference-out').innerHTML = `<table><caption>Service users in this area</caption><thead><tr><th>Name</th><th>Postcode</th><th>Area</th><th>Carer gender preferred</th></tr></thead><tbody>
    ${data.serviceUsers.edges.map(({ node: s }) => `<tr><td>${esc(s.name)}</td><td>${esc(s.postcode || '')}</td><td>${esc(s.area.name)}</td><td>${s.genderPreference || '—'}</td></tr>`).join('')}</tbody></table>`;
}

async function importCsv(e) {
  e.preventDefault();
  const file = $('csv-file').files[0];
  if (!file) { say('Choose a CSV file first.'); return; }
  const response = await http('/csv/carers', { method: 'POST', headers: { 'Content-Type': 'text/csv' }, body: await file.text() });
  const body = await response.json().catch(() => null);
  const errors = body?.errors || [];
  $('reference-out').innerHTML = `<h4 id="csv-result">Import ${response.ok ? 'finished' : 'refused'}: ${body?.imported ?? 0} of ${body?.rows ?? '?'} rows imported${body?.message ? ` (${esc(body.message)})` : ''}</h4>
    ${errors.length ? `<table><caption>Rows with errors</caption><thead><tr><th>Row</th><th>Column</th><th>Value</th><th>Why</th></tr></thead><tbody>
    ${errors.map((r) => `<tr><td>${esc(r.row)}</td><td>${esc(r.column)}</td><td>${esc(r.value)}</td><td>${esc(r.reason)}</td></tr>`).join('')}</tbody></table>` : ''}`;
}

async function downloadTemplate(e) {
  e.preventDefault();
  const response = await http('/csv/templates/carers.csv');
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a'); a.href = url; a.download = 'carers.csv'; a.click();
  URL.revokeObjectURL(url);
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
$('sign-out').addEventListener('click', () => { session.clear(); showSignIn(); });
$('controls').addEventListener('submit', (e) => { e.preventDefault(); say(''); guarded(() => loadBoard()); });
$('view').addEventListener('change', () => guarded(() => loadBoard()));
$('generate').addEventListener('click', () => guarded(generate));
$('stop').addEventListener('click', () => guarded(stop));
$('same-day').addEventListener('click', () => sameDay());
$('load-carers').addEventListener('click', () => guarded(loadCarers));
$('load-service-users').addEventListener('click', () => guarded(loadServiceUsers));
$('csv-form').addEventListener('submit', (e) => guarded(() => importCsv(e)));
$('csv-template').addEventListener('click', (e) => guarded(() => downloadTemplate(e)));

const existing = session.get();
if (existing && route(existing)) guarded(() => showBoard(existing)); else if (!existing) showSignIn();
