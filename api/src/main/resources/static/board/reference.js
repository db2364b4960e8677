// Reference data screens for a small agency: carers (skills and expiries coming up, shifts,
// absences; create, edit, archive), service users (preferences, preferred / banned / regular
// carers), care packages (recurring visit templates) and CSV import with the row-by-row error
// report, generic over the import kind. Everything goes through the existing GraphQL mutations
// and /csv endpoints. A refused form is shown again with the server's reason and everything that
// was typed, so bad input loses nothing.
import { gql, http, session } from './api.js';

const $ = (id) => document.getElementById(id);
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const CSV_KINDS = [
  { kind: 'carers', label: 'Carers' },
  { kind: 'service-users', label: 'Service users' },
  { kind: 'care-packages', label: 'Care packages' },
];

let ui; // { say, guarded, dialog, londonInstant, areaId, areas }
const cache = { carers: [], pools: [], organisations: [], serviceUsers: [], skills: [], packages: [] };

export function initReference(helpers) {
  ui = helpers;
  document.querySelectorAll('#reference [role="tab"]').forEach((tab) => {
    tab.addEventListener('click', () => ui.guarded(() => openTab(tab.dataset.tab)));
    tab.addEventListener('keydown', (e) => {
      if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
      const tabs = [...document.querySelectorAll('#reference [role="tab"]')];
      const next = tabs[(tabs.indexOf(tab) + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
      next.focus();
      ui.guarded(() => openTab(next.dataset.tab));
    });
  });
}

async function openTab(name) {
  document.querySelectorAll('#reference [role="tab"]').forEach((t) => {
    const selected = t.dataset.tab === name;
    t.setAttribute('aria-selected', String(selected));
    t.tabIndex = selected ? 0 : -1;
  });
  const panel = $('reference-out');
  panel.setAttribute('aria-labelledby', `tab-${name}`);
  panel.hidden = false;
  if (name === 'carers') await showCarers();
  else if (name === 'service-users') await showServiceUsers();
  else if (name === 'care-packages') await showCarePackages();
  else showCsv();
}

const ownOrganisation = () => session.get()?.organisation_id;
const today = () => new Date().toISOString().slice(0, 10);
const addDays = (date, n) => { const d = new Date(`${date}T12:00:00Z`); d.setUTCDate(d.getUTCDate() + n); return d.toISOString().slice(0, 10); };
const opt = (value, label, selected) => `<option value="${esc(value)}" ${selected ? 'selected' : ''}>${esc(label)}</option>`;
const field = (label, html, hint = '') => `<label>${esc(label)}${hint ? ` <span class="hint">${esc(hint)}</span>` : ''} ${html}</label>`;
const input = (name, values, attrs = '') => `<input name="${name}" value="${esc(values[name] ?? '')}" ${attrs}>`;
const problemText = (r) => (r.field && r.reason ? `${r.field}: ${r.reason}` : r.message || r.__typename);
const numberOrNull = (v) => (v === undefined || v === null || String(v).trim() === '' ? null : Number(v));
const textOrNull = (v) => (v === undefined || String(v).trim() === '' ? null : String(v).trim());

/**
 * Shows a form in the dialog until the server accepts it or the coordinator cancels. `save` gets
 * the FormData and answers null when saved, or a message: the form is then shown again with that
 * message and every value as typed.
 */
async function formLoop(title, render, save, { submitLabel = 'Save' } = {}) {
  let values = {};
  let data = null;
  let error = '';
  for (;;) {
    const answer = await ui.dialog(title,
      `${error ? `<p class="form-error" role="alert" id="form-error">${esc(error)}</p>` : ''}<div class="form-grid">${render(values, data)}</div>`,
      [{ value: 'save', label: submitLabel }, { value: 'cancel', label: 'Cancel', className: 'secondary' }]);
    if (answer.value !== 'save') { ui.say('Nothing changed.', true); return false; }
    values = answer.form;
    data = answer.data;
    error = await save(answer.data, values);
    if (!error) return true;
  }
}

// ---- the skill catalogue ------------------------------------------------------------------------------

/** The catalogue, archived skills included (marked): pickers offer the others plus any already held. */
async function loadSkills() {
  if (!cache.skills.length) cache.skills = (await gql('{ skills(includeArchived: true) { code name category archived } }')).skills;
  return cache.skills;
}

const skillLabel = (s) => `${s.name} (${s.code})${s.archived ? ' — archived' : ''}`;

// ---- carers ---------------------------------------------------------------------------------------

async function loadCarers() {
  const d = await gql(`{ carers(first: 500) { pageInfo { hasNextPage } edges { node { id name version gender travelMode payModel contractedMinutesPerWeek
    pool { id name sector organisation { id } } skills { code name validUntil } } } }
    pools { id name sector organisation { id } } }`);
  cache.carers = d.carers.edges.map((e) => e.node);
  cache.pools = d.pools;
  return d.carers.pageInfo.hasNextPage;
}

async function showCarers() {
  const more = await loadCarers();
  const soon = addDays(today(), 60);
  const expiries = [];
  for (const c of cache.carers) for (const s of c.skills) if (s.validUntil && s.validUntil <= soon) expiries.push({ c, s });
  expiries.sort((a, b) => a.s.validUntil.localeCompare(b.s.validUntil));
  const mine = (c) => c.pool.organisation.id === ownOrganisation();
  $('reference-out').innerHTML = `
    <div class="toolbar"><button type="button" id="new-carer">New carer</button>
      <span class="hint">Skills expiring within 60 days are listed first; expired skills do not count for planning.</span></div>
    <h4 id="expiries-title">Expiries coming up (${expiries.length})</h4>
    ${expiries.length ? `<ul id="expiries" class="expiries">${expiries.map(({ c, s }) => `<li class="${s.validUntil < today() ? 'expired' : 'expiring'}">${esc(s.validUntil)} · ${esc(c.name)} · ${esc(s.name)}${s.validUntil < today() ? ' (expired)' : ''}</li>`).join('')}</ul>` : '<p class="hint">None in the next 60 days.</p>'}
    <div class="table-scroll" tabindex="0" role="region" aria-labelledby="carers-caption">
    <table id="carers-table"><caption id="carers-caption">Carers${more ? ' (the first 500)' : ''}</caption>
    <thead><tr><th scope="col">Name</th><th scope="col">Pool</th><th scope="col">Travel</th><th scope="col">Pay</th><th scope="col">Contract</th><th scope="col">Skills (valid until)</th><th scope="col">Actions</th></tr></thead><tbody>
    ${cache.carers.map((c) => `<tr data-carer-id="${c.id}"><th scope="row">${esc(c.name)}</th><td>${esc(c.pool.name)} (${c.pool.sector === 'HEALTH' ? 'health' : 'social care'})</td>
      <td>${esc(c.travelMode.toLowerCase().replace('_', ' '))}</td><td>${esc(c.payModel.toLowerCase().replace(/_/g, ' '))}</td>
      <td>${c.contractedMinutesPerWeek ? `${Math.round(c.contractedMinutesPerWeek / 6) / 10} h/wk` : '—'}</td>
      <td>${c.skills.map((s) => `<span class="${s.validUntil && s.validUntil <= soon ? 'expiring' : ''}">${esc(s.name)}${s.validUntil ? ` (${esc(s.validUntil)})` : ''}</span>`).join(', ') || '—'}</td>
      <td class="actions">${mine(c) ? `<button type="button" class="secondary" data-edit="${c.id}" aria-label="Edit ${esc(c.name)}">Edit</button>
        <button type="button" class="secondary" data-schedule="${c.id}" aria-label="Shifts and absences of ${esc(c.name)}">Schedule</button>
        <button type="button" class="secondary" data-shift="${c.id}" aria-label="Add a shift for ${esc(c.name)}">Shift</button>
        <button type="button" class="secondary" data-absence="${c.id}" aria-label="Record an absence of ${esc(c.name)}">Absence</button>
        <button type="button" class="secondary" data-archive="${c.id}" aria-label="Archive ${esc(c.name)}">Archive</button>` : '<span class="hint">shared pool (read only)</span>'}</td></tr>`).join('')}
    </tbody></table></div>
    <section id="carer-schedule" hidden aria-live="polite"></section>`;
  $('new-carer').addEventListener('click', () => ui.guarded(() => carerForm(null)));
  const on = (attr, fn) => document.querySelectorAll(`#carers-table [data-${attr}]`).forEach((b) => b.addEventListener('click', () => ui.guarded(() => fn(cache.carers.find((c) => c.id === b.dataset[attr])))));
  on('edit', carerForm);
  on('schedule', showSchedule);
  on('shift', shiftForm);
  on('absence', absenceForm);
  on('archive', archiveCarer);
}

const SCHEDULE_DAYS = 14;
const when = (iso) => new Date(iso).toLocaleString('en-GB', { timeZone: 'Europe/London', weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

/** A carer's shifts and absences over the next two weeks from the board's day; future ones can be removed. */
async function showSchedule(carer) {
  const from = $('date').value || today();
  const to = addDays(from, SCHEDULE_DAYS - 1);
  const d = await gql(`query($id: UUID!, $from: Date!, $to: Date!) { carer(id: $id) {
    shifts(from: $from, to: $to) { id startsAt endsAt locked version } absences(from: $from, to: $to) { id startsAt endsAt kind reason version } } }`,
  { id: carer.id, from, to });
  const now = Date.now();
  const item = (kind, x, text) => `<li data-${kind}-id="${x.id}">${text}${Date.parse(x.startsAt) > now
    ? ` <button type="button" class="secondary" data-remove-${kind}="${x.id}" data-version="${x.version}" aria-label="Remove the ${kind} ${esc(when(x.startsAt))}">Remove</button>`
    : ' <span class="hint">started: kept as history</span>'}</li>`;
  const section = $('carer-schedule');
  section.hidden = false;
  section.dataset.carerId = carer.id;
  section.innerHTML = `<h4 id="schedule-title">${esc(carer.name)}: shifts and absences, ${esc(from)} to ${esc(to)}</h4>
    <h5>Shifts</h5>${d.carer.shifts.length ? `<ul id="schedule-shifts">${d.carer.shifts.map((x) => item('shift', x, `${esc(when(x.startsAt))} – ${esc(when(x.endsAt))}${x.locked ? ' (locked)' : ''}`)).join('')}</ul>` : '<p id="schedule-shifts-none" class="hint">No shifts.</p>'}
    <h5>Absences</h5>${d.carer.absences.length ? `<ul id="schedule-absences">${d.carer.absences.map((x) => item('absence', x, `${esc(when(x.startsAt))} – ${esc(when(x.endsAt))} · ${esc(x.kind.toLowerCase().replace('_', ' '))}${x.reason ? ` · ${esc(x.reason)}` : ''}`)).join('')}</ul>` : '<p id="schedule-absences-none" class="hint">No absences.</p>'}
    <p class="hint">Removing a shift does not re-plan: a rota of that day that used it is changed with the same-day tools.</p>`;
  section.querySelectorAll('[data-remove-shift]').forEach((b) => b.addEventListener('click', () => ui.guarded(() => removeCarerTime(carer, 'shift', b))));
  section.querySelectorAll('[data-remove-absence]').forEach((b) => b.addEventListener('click', () => ui.guarded(() => removeCarerTime(carer, 'absence', b))));
}

async function removeCarerTime(carer, kind, button) {
  const id = button.dataset[kind === 'shift' ? 'removeShift' : 'removeAbsence'];
  const mutation = kind === 'shift' ? 'removeShift' : 'removeAbsence';
  const r = (await gql(`mutation($input: ${kind === 'shift' ? 'RemoveShiftInput' : 'RemoveAbsenceInput'}!) { r: ${mutation}(input: $input) { __typename
    ... on Problem { message } } }`, { input: { id, expectedVersion: Number(button.dataset.version) } })).r;
  if (r.__typename === 'ShiftRemoved' || r.__typename === 'AbsenceRemoved') ui.say(`The ${kind} of ${carer.name} was removed.`, true);
  else ui.say(`Not removed: ${problemText(r)} The list has been reloaded.`);
  await showSchedule(carer);
}

/** Catalogue checkboxes with a last-valid day each; `held` maps code to validUntil ('' for none). */
function skillPicker(held, v, data) {
  const picked = data ? new Set(data.getAll('skill')) : new Set(Object.keys(held));
  const offered = cache.skills.filter((s) => !s.archived || s.code in held);
  return `<fieldset class="wide skill-picker" id="skill-picker"><legend>Skills <span class="hint">from the catalogue; a last valid day for training that expires</span></legend>
    ${offered.map((s) => `<div class="skill-row"><label class="check"><input type="checkbox" name="skill" value="${esc(s.code)}" ${picked.has(s.code) ? 'checked' : ''}> ${esc(skillLabel(s))}</label>
      <label>valid until <input type="date" name="until.${esc(s.code)}" value="${esc(`until.${s.code}` in v ? v[`until.${s.code}`] : held[s.code] ?? '')}" aria-label="${esc(s.name)} valid until"></label></div>`).join('')}
  </fieldset>`;
}

function carerFields(carer) {
  return (v) => {
    const value = (name, current) => (name in v ? v[name] : current ?? '');
    const pools = cache.pools.filter((p) => p.organisation.id === ownOrganisation());
    const held = Object.fromEntries((carer?.skills || []).map((s) => [s.code, s.validUntil || '']));
    return (data) => [
      field('Name', `<input name="name" required maxlength="200" value="${esc(value('name', carer?.name))}">`),
      carer ? field('Pool', `<input value="${esc(carer.pool.name)}" disabled>`) : field('Pool', `<select name="pool" required>${pools.map((p) => opt(p.id, p.name, value('pool') === p.id)).join('')}</select>`),
      field('Home latitude', `<input name="homeLat" type="number" step="any" ${carer ? '' : 'required'} value="${esc(value('homeLat'))}">`, carer ? 'blank: unchanged' : ''),
      field('Home longitude', `<input name="homeLon" type="number" step="any" ${carer ? '' : 'required'} value="${esc(value('homeLon'))}">`, carer ? 'blank: unchanged' : ''),
      field('Home postcode', input('homePostcode', v), carer ? 'blank: unchanged' : ''),
      field('Travel mode', `<select name="travelMode">${['CAR', 'WALK', 'BICYCLE', 'PUBLIC_TRANSPORT'].map((m) => opt(m, m.toLowerCase().replace('_', ' '), value('travelMode', carer?.travelMode) === m)).join('')}</select>`),
      field('Gender', `<select name="gender">${opt('', '—')}${['F', 'M', 'X'].map((g) => opt(g, g, value('gender', carer?.gender) === g)).join('')}</select>`),
      field('Contracted minutes a week', `<input name="contractedMinutesPerWeek" type="number" value="${esc(value('contractedMinutesPerWeek', carer?.contractedMinutesPerWeek))}">`),
      field('Most working minutes a day', input('maxWorkingMinutesPerDay', v, 'type="number"'), carer ? 'blank: unchanged' : ''),
      field('Pay model', `<select name="payModel">${['HOURLY', 'PER_CONTACT_HOUR', 'PER_VISIT'].map((m) => opt(m, m.toLowerCase().replace(/_/g, ' '), value('payModel', carer?.payModel) === m)).join('')}</select>`),
      field('Pay rate (£)', input('payRate', v, 'type="number" step="0.01"'), carer ? 'blank: unchanged' : ''),
      skillPicker(held, v, data),
    ].join('');
  };
}

const pickedSkills = (data, v) => data.getAll('skill').map((code) => ({ code, validUntil: v[`until.${code}`] || null }));

async function carerForm(carer) {
  await loadSkills();
  let version = carer?.version;
  const fields = carerFields(carer);
  const saved = await formLoop(carer ? `Edit ${carer.name}` : 'New carer', (v, data) => fields(v)(data), async (data, v) => {
    const common = {
      name: textOrNull(v.name), homeLat: numberOrNull(v.homeLat), homeLon: numberOrNull(v.homeLon), homePostcode: textOrNull(v.homePostcode),
      travelMode: v.travelMode, gender: v.gender || null, contractedMinutesPerWeek: numberOrNull(v.contractedMinutesPerWeek),
      maxWorkingMinutesPerDay: numberOrNull(v.maxWorkingMinutesPerDay), payModel: v.payModel, payRate: numberOrNull(v.payRate),
      skills: pickedSkills(data, v),
    };
    let r;
    if (carer) {
      const changes = Object.fromEntries(Object.entries(common).filter(([, x]) => x !== null));
      r = (await gql(`mutation($input: UpdateCarerInput!) { r: updateCarer(input: $input) { __typename
        ... on CarerSaved { carer { id name version } } ... on Problem { message } ... on CarerInvalid { field reason } ... on StaleCarer { currentVersion } } }`,
      { input: { id: carer.id, expectedVersion: version, ...changes, skills: common.skills } })).r;
    } else {
      r = (await gql(`mutation($input: CreateCarerInput!) { r: createCarer(input: $input) { __typename
        ... on CarerSaved { carer { id name version } } ... on Problem { message } ... on CarerInvalid { field reason } } }`,
      { input: { ...Object.fromEntries(Object.entries(common).filter(([, x]) => x !== null)), pool: v.pool } })).r;
    }
    if (r.__typename === 'CarerSaved') { ui.say(`Saved ${r.carer.name}.`, true); return null; }
    if (r.__typename === 'StaleCarer') {
      version = r.currentVersion;
      return 'Someone else changed this carer since you opened it. Your changes are still here: check them and save again to apply them over theirs.';
    }
    return `Not saved: ${problemText(r)}`;
  });
  if (saved) await showCarers();
}

async function shiftForm(carer) {
  const date = $('date').value || today();
  const saved = await formLoop(`Add a shift for ${carer.name}`, (v) => [
    field('Day', `<input name="day" type="date" required value="${esc(v.day ?? date)}">`),
    field('From', `<input name="from" type="time" required value="${esc(v.from ?? '07:00')}">`),
    field('To', `<input name="to" type="time" required value="${esc(v.to ?? '15:00')}">`, 'earlier than From: the next day'),
  ].join(''), async (_, v) => {
    const startsAt = ui.londonInstant(v.day, v.from);
    const endsAt = ui.londonInstant(v.to <= v.from ? addDays(v.day, 1) : v.day, v.to);
    const r = (await gql(`mutation($input: AddShiftInput!) { r: addShift(input: $input) { __typename
      ... on ShiftAdded { shiftId } ... on Problem { message } ... on CarerInvalid { field reason } } }`,
    { input: { carerId: carer.id, startsAt, endsAt } })).r;
    if (r.__typename === 'ShiftAdded') { ui.say(`Shift added for ${carer.name} on ${v.day}, ${v.from}–${v.to}.`, true); return null; }
    return `Not added: ${problemText(r)}`;
  }, { submitLabel: 'Add shift' });
  if (saved) await showCarers();
}

async function absenceForm(carer) {
  const date = $('date').value || today();
  const saved = await formLoop(`Record an absence of ${carer.name}`, (v) => [
    field('From day', `<input name="fromDay" type="date" required value="${esc(v.fromDay ?? date)}">`),
    field('From', `<input name="from" type="time" required value="${esc(v.from ?? '00:00')}">`),
    field('To day', `<input name="toDay" type="date" required value="${esc(v.toDay ?? date)}">`),
    field('To', `<input name="to" type="time" required value="${esc(v.to ?? '23:59')}">`),
    field('Kind', `<select name="kind">${['SICKNESS', 'ANNUAL_LEAVE', 'TRAINING', 'COMPASSIONATE', 'UNAVAILABLE', 'OTHER'].map((k) => opt(k, k.toLowerCase().replace('_', ' '), v.kind === k)).join('')}</select>`),
    field('Reason', input('reason', v)),
    '<p class="hint wide">Published rotas of the days it touches are re-planned: the drafts wait on the board for review.</p>',
  ].join(''), async (_, v) => {
    const r = (await gql(`mutation($input: ReportAbsenceInput!) { r: reportAbsence(input: $input) { __typename
      ... on SameDayReplanned { replans { date published } } ... on Problem { message } ... on InvalidInput { field reason } } }`,
    { input: { carerId: carer.id, from: ui.londonInstant(v.fromDay, v.from), to: ui.londonInstant(v.toDay, v.to), kind: v.kind, reason: textOrNull(v.reason), timeLimitSeconds: 5 } })).r;
    if (r.__typename === 'SameDayReplanned') {
      ui.say(`Absence of ${carer.name} recorded. ${r.replans.length ? `Re-planned: ${r.replans.map((p) => `${p.date}${p.published ? ' (published)' : ' (draft to review)'}`).join(', ')}.` : 'No published rota was affected.'}`, true);
      return null;
    }
    return `Not recorded: ${problemText(r)}`;
  }, { submitLabel: 'Record absence' });
  if (saved) await showCarers();
}

async function archiveCarer(carer) {
  const answer = await ui.dialog(`Archive ${carer.name}?`, '<p>The carer is kept for history and no longer planned. Rotas already published are not changed.</p>',
    [{ value: 'archive', label: 'Archive', className: 'danger' }, { value: 'cancel', label: 'Cancel', className: 'secondary' }]);
  if (answer.value !== 'archive') { ui.say('Nothing changed.', true); return; }
  const r = (await gql(`mutation($input: ArchiveCarerInput!) { r: archiveCarer(input: $input) { __typename ... on Problem { message } } }`,
    { input: { id: carer.id, expectedVersion: carer.version } })).r;
  if (r.__typename === 'CarerSaved') ui.say(`${carer.name} archived.`, true);
  else ui.say(`Not archived: ${problemText(r)}. The list has been reloaded.`);
  await showCarers();
}

// ---- service users ----------------------------------------------------------------------------------

async function loadServiceUsers() {
  const d = await gql(`query($area: UUID) { serviceUsers(first: 500, area: $area) { pageInfo { hasNextPage } edges { node { id name version postcode genderPreference
    area { id name } location { lat lon } } } } }`, { area: ui.areaId() || null });
  cache.serviceUsers = d.serviceUsers.edges.map((e) => e.node);
  return d.serviceUsers.pageInfo.hasNextPage;
}

async function showServiceUsers() {
  const more = await loadServiceUsers();
  const areaName = ui.areas().find((a) => a.id === ui.areaId())?.name || 'all areas';
  $('reference-out').innerHTML = `
    <div class="toolbar"><button type="button" id="new-service-user">New service user</button></div>
    <div class="table-scroll" tabindex="0" role="region" aria-labelledby="su-caption">
    <table id="service-users-table"><caption id="su-caption">Service users in ${esc(areaName)}${more ? ' (the first 500)' : ''}</caption>
    <thead><tr><th scope="col">Name</th><th scope="col">Postcode</th><th scope="col">Area</th><th scope="col">Carer gender preferred</th><th scope="col">Actions</th></tr></thead><tbody>
    ${cache.serviceUsers.map((s) => `<tr data-service-user-id="${s.id}"><th scope="row">${esc(s.name)}</th><td>${esc(s.postcode || '')}</td><td>${esc(s.area.name)}</td><td>${s.genderPreference || '—'}</td>
      <td class="actions"><button type="button" class="secondary" data-edit="${s.id}" aria-label="Edit ${esc(s.name)}">Edit</button>
      <button type="button" class="secondary" data-archive="${s.id}" aria-label="Archive ${esc(s.name)}">Archive</button></td></tr>`).join('')}
    </tbody></table></div>`;
  $('new-service-user').addEventListener('click', () => ui.guarded(() => serviceUserForm(null)));
  document.querySelectorAll('#service-users-table [data-edit]').forEach((b) => b.addEventListener('click', () => ui.guarded(() => serviceUserForm(cache.serviceUsers.find((s) => s.id === b.dataset.edit)))));
  document.querySelectorAll('#service-users-table [data-archive]').forEach((b) => b.addEventListener('click', () => ui.guarded(() => archiveServiceUser(cache.serviceUsers.find((s) => s.id === b.dataset.archive)))));
}

/** `lists`: the person's current carer lists ({ preferredCarers: [{id, name}], ... }), pre-selected. */
function serviceUserFields(person, lists) {
  return (v, data) => {
    const value = (name, current) => (name in v ? v[name] : current ?? '');
    const chosen = (name) => new Set(data ? data.getAll(name) : (lists?.[name] || []).map((c) => c.id));
    // carers on a list but not among the first 500 (or of a shared pool) are still offered, so saving keeps them
    const known = new Set(cache.carers.map((c) => c.id));
    const extra = Object.values(lists || {}).flat().filter((c) => !known.has(c.id) && known.add(c.id));
    const carerSelect = (name) => `<select name="${name}" multiple size="5">${[...cache.carers, ...extra].map((c) => opt(c.id, c.name, chosen(name).has(c.id))).join('')}</select>`;
    const areas = ui.areas().filter((a) => a.kind !== 'SYSTEM');
    return [
      field('Name', `<input name="name" required maxlength="200" value="${esc(value('name', person?.name))}">`),
      field('Area', `<select name="area">${areas.map((a) => opt(a.id, a.name, value('area', person?.area.id || ui.areaId()) === a.id)).join('')}</select>`),
      field('Latitude', `<input name="lat" type="number" step="any" ${person ? '' : 'required'} value="${esc(value('lat', person?.location.lat))}">`),
      field('Longitude', `<input name="lon" type="number" step="any" ${person ? '' : 'required'} value="${esc(value('lon', person?.location.lon))}">`),
      field('Postcode', `<input name="postcode" value="${esc(value('postcode', person?.postcode))}">`),
      field('Address', input('address', v), person ? 'blank: unchanged' : ''),
      person ? '' : field('Gender', `<select name="gender">${opt('', '—')}${['F', 'M', 'X'].map((g) => opt(g, g, v.gender === g)).join('')}</select>`),
      field('Carer gender preferred', `<select name="genderPreference">${opt('', 'no preference')}${['F', 'M'].map((g) => opt(g, g, value('genderPreference', person?.genderPreference) === g)).join('')}</select>`),
      `<label class="wide">Access notes <span class="hint">key safe, door, pets: stored encrypted${person ? '; blank: unchanged' : ''}</span><textarea name="accessNotes" rows="2">${esc(v.accessNotes ?? '')}</textarea></label>`,
      field('Preferred carers', carerSelect('preferredCarers'), 'Ctrl/⌘-click for several'),
      field('Banned carers', carerSelect('bannedCarers')),
      field('Regular carers', carerSelect('regularCarers')),
    ].join('');
  };
}

async function serviceUserForm(person) {
  if (!cache.carers.length) await loadCarers();
  let version = person?.version;
  let lists = null;
  if (person) {
    const d = await gql(`query($id: UUID!) { serviceUser(id: $id) { version preferredCarers { id name } bannedCarers { id name } regularCarers { id name } } }`, { id: person.id });
    if (!d.serviceUser) { ui.say(`${person.name} is no longer there. The list has been reloaded.`); await showServiceUsers(); return; }
    const { preferredCarers, bannedCarers, regularCarers } = d.serviceUser;
    lists = { preferredCarers, bannedCarers, regularCarers };
    version = d.serviceUser.version;
  }
  const saved = await formLoop(person ? `Edit ${person.name}` : 'New service user', serviceUserFields(person, lists), async (data, v) => {
    const fields = {
      name: textOrNull(v.name), area: v.area || null, lat: numberOrNull(v.lat), lon: numberOrNull(v.lon), postcode: textOrNull(v.postcode),
      address: textOrNull(v.address), genderPreference: v.genderPreference || null, accessNotes: textOrNull(v.accessNotes),
    };
    const chosenLists = { preferredCarers: data.getAll('preferredCarers'), bannedCarers: data.getAll('bannedCarers'), regularCarers: data.getAll('regularCarers') };
    let r;
    if (person) {
      const changes = Object.fromEntries(Object.entries(fields).filter(([, x]) => x !== null));
      if (!v.genderPreference && person.genderPreference) changes.genderPreference = null;
      r = (await gql(`mutation($input: UpdateServiceUserInput!) { r: updateServiceUser(input: $input) { __typename
        ... on ServiceUserSaved { serviceUser { id name } } ... on Problem { message } ... on ServiceUserInvalid { field reason } ... on StaleServiceUser { currentVersion } } }`,
      { input: { id: person.id, expectedVersion: version, ...changes, ...chosenLists } })).r;
    } else {
      r = (await gql(`mutation($input: CreateServiceUserInput!) { r: createServiceUser(input: $input) { __typename
        ... on ServiceUserSaved { serviceUser { id name } } ... on Problem { message } ... on ServiceUserInvalid { field reason } } }`,
      { input: { ...Object.fromEntries(Object.entries(fields).filter(([, x]) => x !== null)), gender: v.gender || null, ...chosenLists } })).r;
    }
    if (r.__typename === 'ServiceUserSaved') { ui.say(`Saved ${r.serviceUser.name}.`, true); return null; }
    if (r.__typename === 'StaleServiceUser') {
      version = r.currentVersion;
      return 'Someone else changed this record since you opened it. Your changes are still here: check them and save again to apply them over theirs.';
    }
    return `Not saved: ${problemText(r)}`;
  });
  if (saved) await showServiceUsers();
}

async function archiveServiceUser(person) {
  const answer = await ui.dialog(`Archive ${person.name}?`, '<p>The record is kept for history; no new visits are planned for the person.</p>',
    [{ value: 'archive', label: 'Archive', className: 'danger' }, { value: 'cancel', label: 'Cancel', className: 'secondary' }]);
  if (answer.value !== 'archive') { ui.say('Nothing changed.', true); return; }
  const r = (await gql(`mutation($input: ArchiveServiceUserInput!) { r: archiveServiceUser(input: $input) { __typename ... on Problem { message } } }`,
    { input: { id: person.id, expectedVersion: person.version } })).r;
  if (r.__typename === 'ServiceUserSaved') ui.say(`${person.name} archived.`, true);
  else ui.say(`Not archived: ${problemText(r)}. The list has been reloaded.`);
  await showServiceUsers();
}

// ---- care packages -----------------------------------------------------------------------------------

const TEMPLATE_DEFAULTS = [
  { label: 'Morning', from: '07:00', to: '09:00', minutes: 45 },
  { label: 'Lunch', from: '12:00', to: '13:30', minutes: 30 },
  { label: 'Tea', from: '16:30', to: '18:00', minutes: 30 },
  { label: 'Bed', from: '20:00', to: '21:30', minutes: 30 },
];

const PACKAGE_FIELDS = `id reference startsOn endsOn archived version serviceUser { id name } commissioner { id name }
  templates { id label daysOfWeek everyWeeks windowStart windowEnd preferredStart durationMinutes carersRequired priority requiredSkills { code name } }`;
const hhmm = (t) => (t ? String(t).slice(0, 5) : '');
const daysText = (days) => (days.length === 7 ? 'every day' : days.map((d) => DAYS[d - 1]).join(' '));

async function showCarePackages() {
  if (!cache.serviceUsers.length) await loadServiceUsers();
  const d = await gql(`query($area: UUID) { carePackages(first: 500, area: $area) { pageInfo { hasNextPage } edges { node { ${PACKAGE_FIELDS} } } } }`,
    { area: ui.areaId() || null });
  cache.packages = d.carePackages.edges.map((e) => e.node);
  const more = d.carePackages.pageInfo.hasNextPage;
  $('reference-out').innerHTML = `
    <div class="toolbar"><button type="button" id="new-care-package">New care package</button></div>
    <p class="hint">A care package is a person's recurring visits (on chosen days, every one to four weeks), expanded into
      dated visits for the days you choose (at most 62). Editing one re-times, adds or takes away its future visits that no
      rota has published yet; visits on a published rota, started or done are kept as they are.</p>
    <div id="care-package-result" aria-live="polite"></div>
    <div class="table-scroll" tabindex="0" role="region" aria-labelledby="cp-caption">
    <table id="care-packages-table"><caption id="cp-caption">Care packages of the people in ${esc(ui.areas().find((a) => a.id === ui.areaId())?.name || 'all areas')}${more ? ' (the first 500)' : ''}</caption>
    <thead><tr><th scope="col">Person</th><th scope="col">Reference</th><th scope="col">Paid by</th><th scope="col">Dates</th><th scope="col">Visits</th><th scope="col">Actions</th></tr></thead><tbody>
    ${cache.packages.map((p) => `<tr data-care-package-id="${p.id}"><th scope="row">${esc(p.serviceUser.name)}</th><td>${esc(p.reference || '—')}</td><td>${esc(p.commissioner.name)}</td>
      <td>${esc(p.startsOn)} – ${esc(p.endsOn || 'open-ended')}</td>
      <td><ul class="templates">${p.templates.map((t) => `<li>${esc(t.label || 'Visit')}: ${esc(daysText(t.daysOfWeek))}${t.everyWeeks > 1 ? `, every ${t.everyWeeks} weeks` : ''}, ${esc(hhmm(t.windowStart))}–${esc(hhmm(t.windowEnd))}, ${t.durationMinutes} min${t.carersRequired > 1 ? ', double-up' : ''}${t.requiredSkills.length ? ` (${esc(t.requiredSkills.map((k) => k.name).join(', '))})` : ''}</li>`).join('')}</ul></td>
      <td class="actions"><button type="button" class="secondary" data-edit="${p.id}" aria-label="Edit the care package of ${esc(p.serviceUser.name)}${p.reference ? ` ${esc(p.reference)}` : ''}">Edit</button>
      <button type="button" class="secondary" data-archive="${p.id}" aria-label="End the care package of ${esc(p.serviceUser.name)}${p.reference ? ` ${esc(p.reference)}` : ''}">End</button></td></tr>`).join('')}
    </tbody></table></div>`;
  $('new-care-package').addEventListener('click', () => ui.guarded(() => carePackageForm(null)));
  const on = (attr, fn) => document.querySelectorAll(`#care-packages-table [data-${attr}]`).forEach((b) => b.addEventListener('click', () => ui.guarded(() => fn(cache.packages.find((p) => p.id === b.dataset[attr])))));
  on('edit', carePackageForm);
  on('archive', archiveCarePackage);
}

/** One fieldset per template: the package's own (edit) or the four usual slots (new), plus a spare one when editing. */
function templateSlots(pkg) {
  if (!pkg) return TEMPLATE_DEFAULTS.map((t) => ({ ...t, days: [1, 2, 3, 4, 5, 6, 7], every: 1, carers: 1, priority: 'NORMAL', skills: [], on: false }));
  return [
    ...pkg.templates.map((t) => ({ id: t.id, label: t.label || '', from: hhmm(t.windowStart), to: hhmm(t.windowEnd), preferred: hhmm(t.preferredStart),
      minutes: t.durationMinutes, days: t.daysOfWeek, every: t.everyWeeks, carers: t.carersRequired, priority: t.priority, skills: t.requiredSkills.map((k) => k.code), on: true })),
    { label: '', from: '09:00', to: '10:00', minutes: 30, days: [1, 2, 3, 4, 5, 6, 7], every: 1, carers: 1, priority: 'NORMAL', skills: [], on: false, spare: true },
  ];
}

function carePackageFields(organisations, pkg) {
  const slots = templateSlots(pkg);
  return (v, data) => {
    const start = $('date').value || today();
    const templates = slots.map((t, i) => {
      const k = (name) => `t${i}.${name}`;
      const val = (name, d) => (k(name) in v ? v[k(name)] : d);
      const days = new Set(data ? data.getAll(k('days')) : t.days.map(String));
      const skills = new Set(data ? data.getAll(k('skills')) : t.skills);
      const on = data ? data.has(k('on')) : (pkg ? t.on : i === 0);
      const offered = cache.skills.filter((s) => !s.archived || skills.has(s.code));
      const title = t.spare ? 'Add a visit' : `Visit ${i + 1}`;
      return `<fieldset class="template wide" data-template-id="${esc(t.id || '')}"><legend><label class="check"><input type="checkbox" name="${k('on')}" ${on ? 'checked' : ''}> ${title}</label>${pkg && !t.spare ? ' <span class="hint">untick to remove</span>' : ''}</legend>
        ${t.id ? `<input type="hidden" name="${k('id')}" value="${esc(t.id)}">` : ''}
        ${field('Label', `<input name="${k('label')}" value="${esc(val('label', t.label))}">`)}
        <div class="days" role="group" aria-label="Days of visit ${i + 1}">${DAYS.map((d, j) => `<label class="check"><input type="checkbox" name="${k('days')}" value="${j + 1}" ${days.has(String(j + 1)) ? 'checked' : ''}> ${d}</label>`).join('')}</div>
        ${field('Every (weeks)', `<input name="${k('every')}" type="number" min="1" max="4" value="${esc(val('every', t.every))}">`)}
        ${field('Window from', `<input name="${k('from')}" type="time" value="${esc(val('from', t.from))}">`)}
        ${field('Window to (latest start)', `<input name="${k('to')}" type="time" value="${esc(val('to', t.to))}">`)}
        ${field('Preferred start', `<input name="${k('preferred')}" type="time" value="${esc(val('preferred', t.preferred || ''))}">`)}
        ${field('Minutes', `<input name="${k('minutes')}" type="number" min="5" value="${esc(val('minutes', t.minutes))}">`)}
        ${field('Carers', `<select name="${k('carers')}">${opt('1', '1', String(val('carers', t.carers)) === '1')}${opt('2', '2 (double-up)', String(val('carers', t.carers)) === '2')}</select>`)}
        ${field('Priority', `<select name="${k('priority')}">${['NORMAL', 'HIGH', 'TIME_CRITICAL', 'LOW'].map((p) => opt(p, p.toLowerCase().replace('_', ' '), val('priority', t.priority) === p)).join('')}</select>`)}
        ${field('Skills', `<select name="${k('skills')}" multiple size="4">${offered.map((s) => opt(s.code, skillLabel(s), skills.has(s.code))).join('')}</select>`, 'from the catalogue; Ctrl/⌘-click for several')}
      </fieldset>`;
    }).join('');
    return [
      pkg ? field('Person', `<input value="${esc(pkg.serviceUser.name)}" disabled>`)
        : field('Person', `<select name="serviceUser" required>${cache.serviceUsers.map((s) => opt(s.id, s.name, v.serviceUser === s.id)).join('')}</select>`),
      field('Commissioner (who pays)', `<select name="commissioner" required>${organisations.map((o) => opt(o.id, `${o.name} (${o.kind.toLowerCase().replace('_', ' ')})`, (v.commissioner ?? pkg?.commissioner.id) === o.id)).join('')}</select>`),
      field('Starts on', `<input name="startsOn" type="date" required value="${esc(v.startsOn ?? pkg?.startsOn ?? start)}">`),
      field('Ends on', `<input name="endsOn" type="date" value="${esc(v.endsOn ?? pkg?.endsOn ?? '')}">`, 'blank: open-ended'),
      field('Reference', `<input name="reference" value="${esc(v.reference ?? pkg?.reference ?? '')}">`),
      field(pkg ? 'Re-make future visits from' : 'Make visits from', `<input name="expandFrom" type="date" value="${esc(v.expandFrom ?? (pkg ? '' : start))}">`, pkg ? 'blank: today' : ''),
      field('to', `<input name="expandTo" type="date" value="${esc(v.expandTo ?? (pkg ? '' : addDays(start, 6)))}">`, pkg ? 'blank: a week on; and as far as its visits already go' : ''),
      templates,
    ].join('');
  };
}

function templatesFrom(data, v, count) {
  return [...Array(count).keys()].filter((i) => data.has(`t${i}.on`)).map((i) => {
    const g = (name) => v[`t${i}.${name}`];
    return {
      ...(g('id') ? { id: g('id') } : {}),
      label: textOrNull(g('label')), daysOfWeek: data.getAll(`t${i}.days`).map(Number), everyWeeks: numberOrNull(g('every')) ?? 1,
      windowStart: g('from'), windowEnd: g('to'), preferredStart: g('preferred') || null, durationMinutes: numberOrNull(g('minutes')),
      carersRequired: Number(g('carers')), priority: g('priority'), requiredSkills: data.getAll(`t${i}.skills`),
    };
  });
}

async function carePackageForm(pkg) {
  if (!cache.organisations.length) cache.organisations = (await gql('{ organisations { id name kind } }')).organisations;
  await loadSkills();
  const payers = cache.organisations.filter((o) => o.kind !== 'PROVIDER');
  const slots = templateSlots(pkg).length;
  let version = pkg?.version;
  let done = null;
  await formLoop(pkg ? `Edit the care package of ${pkg.serviceUser.name}` : 'New care package', carePackageFields(payers, pkg), async (data, v) => {
    const templates = templatesFrom(data, v, slots);
    if (!templates.length) return 'Not saved: tick at least one visit.';
    let r;
    if (pkg) {
      r = (await gql(`mutation($input: UpdateCarePackageInput!) { r: updateCarePackage(input: $input) { __typename
        ... on CarePackageSaved { visitsCreated visitsChanged visitsRemoved visitsKept carePackage { id version } }
        ... on Problem { message } ... on VisitInvalid { field reason } ... on StaleCarePackage { currentVersion } } }`,
      { input: { id: pkg.id, expectedVersion: version, commissionerId: v.commissioner, startsOn: v.startsOn, reference: textOrNull(v.reference),
        ...(v.endsOn ? { endsOn: v.endsOn } : { clearEndsOn: true }), templates, expandFrom: v.expandFrom || null, expandTo: v.expandTo || null } })).r;
      if (r.__typename === 'StaleCarePackage') {
        version = r.currentVersion;
        return 'Someone else changed this care package since you opened it. Your changes are still here: check them and save again to apply them over theirs.';
      }
      if (r.__typename === 'CarePackageSaved') { done = r; return null; }
    } else {
      r = (await gql(`mutation($input: CreateCarePackageInput!) { r: createCarePackage(input: $input) { __typename
        ... on CarePackageCreated { carePackageId visitsCreated } ... on Problem { message } ... on VisitInvalid { field reason } } }`,
      { input: { serviceUserId: v.serviceUser, commissionerId: v.commissioner, startsOn: v.startsOn, endsOn: v.endsOn || null, reference: textOrNull(v.reference),
        templates, expandFrom: v.expandFrom || null, expandTo: v.expandTo || null } })).r;
      if (r.__typename === 'CarePackageCreated') { done = r; return null; }
    }
    return `Not saved: ${problemText(r)}`;
  });
  if (!done) return;
  await showCarePackages();
  if (pkg) {
    ui.say(`Care package saved: ${done.visitsChanged} future visits re-timed, ${done.visitsCreated} added, ${done.visitsRemoved} taken away, ${done.visitsKept} kept as published or started.`, true);
    $('care-package-result').innerHTML = `<p id="care-package-updated">Care package of ${esc(pkg.serviceUser.name)} saved: ${done.visitsChanged} re-timed, ${done.visitsCreated} added, ${done.visitsRemoved} taken away, ${done.visitsKept} kept. Re-generate the rota of the days concerned to place them.</p>`;
  } else {
    ui.say(`Care package saved: ${done.visitsCreated} dated visit${done.visitsCreated === 1 ? '' : 's'} created.`, true);
    $('care-package-result').innerHTML = `<p id="care-package-created">Care package saved (${esc(done.carePackageId.slice(0, 8))}): ${done.visitsCreated} visits created. Generate the rota to place them.</p>`;
  }
}

async function archiveCarePackage(pkg) {
  const answer = await ui.dialog(`End the care package of ${pkg.serviceUser.name}?`, '<p>The package is archived: it makes no more visits, and its future visits that no rota has published are taken away. Visits on a published rota, started or done are kept.</p>',
    [{ value: 'archive', label: 'End package', className: 'danger' }, { value: 'cancel', label: 'Cancel', className: 'secondary' }]);
  if (answer.value !== 'archive') { ui.say('Nothing changed.', true); return; }
  const r = (await gql(`mutation($input: ArchiveCarePackageInput!) { r: archiveCarePackage(input: $input) { __typename
    ... on CarePackageSaved { visitsRemoved visitsKept } ... on Problem { message } } }`, { input: { id: pkg.id, expectedVersion: pkg.version } })).r;
  await showCarePackages();
  if (r.__typename === 'CarePackageSaved') ui.say(`Care package of ${pkg.serviceUser.name} ended: ${r.visitsRemoved} future visits taken away, ${r.visitsKept} kept.`, true);
  else ui.say(`Not ended: ${problemText(r)} The list has been reloaded.`);
}

// ---- CSV import (generic over the kind) ------------------------------------------------------------------

function showCsv() {
  $('reference-out').innerHTML = `
    <form id="csv-form" class="csv-form">
      ${field('What to import', `<select id="csv-kind" name="kind">${CSV_KINDS.map((k) => opt(k.kind, k.label)).join('')}</select>`)}
      <a id="csv-template" href="#">Download the template</a>
      ${field('CSV file', '<input id="csv-file" name="file" type="file" accept=".csv,text/csv" required>')}
      <button type="submit">Import</button>
    </form>
    <p class="hint">All or nothing: every row is checked first; if any row has a problem nothing is imported and each problem is listed below.</p>
    <div id="csv-out" aria-live="polite"></div>`;
  $('csv-form').addEventListener('submit', (e) => { e.preventDefault(); ui.guarded(importCsv); });
  $('csv-template').addEventListener('click', (e) => { e.preventDefault(); ui.guarded(downloadTemplate); });
}

async function importCsv() {
  const kind = $('csv-kind').value;
  const label = CSV_KINDS.find((k) => k.kind === kind).label.toLowerCase();
  const file = $('csv-file').files[0];
  if (!file) { ui.say('Choose a CSV file first.'); return; }
  const response = await http(`/csv/${kind}`, { method: 'POST', headers: { 'Content-Type': 'text/csv' }, body: await file.text() });
  if (response.status === 404 || response.status === 405) {
    $('csv-out').innerHTML = `<p id="csv-result" class="form-error">This server cannot import ${esc(label)} yet (no /csv/${esc(kind)}). Nothing was imported.</p>`;
    return;
  }
  const body = await response.json().catch(() => null);
  const errors = body?.errors || [];
  $('csv-out').innerHTML = `<h4 id="csv-result">Import of ${esc(label)} ${response.ok ? 'finished' : 'refused'}: ${body?.imported ?? 0} of ${body?.rows ?? '?'} rows imported${body?.message || body?.detail ? ` (${esc(body.message || body.detail)})` : ''}</h4>
    ${errors.length ? `<div class="table-scroll" tabindex="0" role="region" aria-labelledby="csv-errors-caption"><table id="csv-errors"><caption id="csv-errors-caption">Rows with problems (row 1 is the first row after the header; 0 is the whole file)</caption>
    <thead><tr><th scope="col">Row</th><th scope="col">Column</th><th scope="col">Value</th><th scope="col">Problem</th></tr></thead><tbody>
    ${errors.map((r) => `<tr><td>${esc(r.row)}</td><td>${esc(r.column)}</td><td>${esc(r.value)}</td><td>${esc(r.reason)}</td></tr>`).join('')}</tbody></table></div>` : ''}`;
  ui.say(response.ok ? `Imported ${body?.imported ?? 0} ${label}.` : `Nothing was imported: ${errors.length} problem${errors.length === 1 ? '' : 's'} in the file (listed below).`, response.ok);
}

async function downloadTemplate() {
  const kind = $('csv-kind').value;
  const response = await http(`/csv/templates/${kind}.csv`);
  if (!response.ok) { ui.say(`No template for ${kind} on this server yet (${response.status}).`); return; }
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a'); a.href = url; a.download = `${kind}.csv`; a.click();
  URL.revokeObjectURL(url);
}
