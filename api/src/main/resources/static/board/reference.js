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
const cache = { carers: [], pools: [], organisations: [], serviceUsers: [] };

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
        <button type="button" class="secondary" data-shift="${c.id}" aria-label="Add a shift for ${esc(c.name)}">Shift</button>
        <button type="button" class="secondary" data-absence="${c.id}" aria-label="Record an absence of ${esc(c.name)}">Absence</button>
        <button type="button" class="secondary" data-archive="${c.id}" aria-label="Archive ${esc(c.name)}">Archive</button>` : '<span class="hint">shared pool (read only)</span>'}</td></tr>`).join('')}
    </tbody></table></div>`;
  $('new-carer').addEventListener('click', () => ui.guarded(() => carerForm(null)));
  const on = (attr, fn) => document.querySelectorAll(`#carers-table [data-${attr}]`).forEach((b) => b.addEventListener('click', () => ui.guarded(() => fn(cache.carers.find((c) => c.id === b.dataset[attr])))));
  on('edit', carerForm);
  on('shift', shiftForm);
  on('absence', absenceForm);
  on('archive', archiveCarer);
}

function carerFields(carer) {
  return (v) => {
    const value = (name, current) => (name in v ? v[name] : current ?? '');
    const pools = cache.pools.filter((p) => p.organisation.id === ownOrganisation());
    const skills = value('skills', carer ? carer.skills.map((s) => (s.validUntil ? `${s.code}@${s.validUntil}` : s.code)).join('; ') : '');
    return [
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
      `<label class="wide">Skills <span class="hint">code@last-valid-day, separated by ";" — e.g. personal-care; medication@2027-03-31</span>
        <input name="skills" value="${esc(skills)}"></label>`,
    ].join('');
  };
}

function parseSkills(text) {
  return String(text || '').split(/[;,]/).map((s) => s.trim()).filter(Boolean).map((s) => {
    const [code, validUntil] = s.split('@').map((x) => x.trim());
    return { code, validUntil: validUntil || null };
  });
}

async function carerForm(carer) {
  let version = carer?.version;
  const saved = await formLoop(carer ? `Edit ${carer.name}` : 'New carer', carerFields(carer), async (_, v) => {
    const common = {
      name: textOrNull(v.name), homeLat: numberOrNull(v.homeLat), homeLon: numberOrNull(v.homeLon), homePostcode: textOrNull(v.homePostcode),
      travelMode: v.travelMode, gender: v.gender || null, contractedMinutesPerWeek: numberOrNull(v.contractedMinutesPerWeek),
      maxWorkingMinutesPerDay: numberOrNull(v.maxWorkingMinutesPerDay), payModel: v.payModel, payRate: numberOrNull(v.payRate),
      skills: parseSkills(v.skills),
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

function serviceUserFields(person) {
  return (v, data) => {
    const value = (name, current) => (name in v ? v[name] : current ?? '');
    const chosen = (name) => new Set(data ? data.getAll(name) : []);
    const carerSelect = (name) => `<select name="${name}" multiple size="5">${cache.carers.map((c) => opt(c.id, c.name, chosen(name).has(c.id))).join('')}</select>`;
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
      person ? `<label class="wide check"><input type="checkbox" name="replaceCarers" ${v.replaceCarers ? 'checked' : ''}> Replace the preferred, banned and regular carers with the choice below (the current lists cannot be shown here yet; unticked, they stay as they are)</label>` : '',
      field('Preferred carers', carerSelect('preferredCarers'), 'Ctrl/⌘-click for several'),
      field('Banned carers', carerSelect('bannedCarers')),
      field('Regular carers', carerSelect('regularCarers')),
    ].join('');
  };
}

async function serviceUserForm(person) {
  if (!cache.carers.length) await loadCarers();
  let version = person?.version;
  const saved = await formLoop(person ? `Edit ${person.name}` : 'New service user', serviceUserFields(person), async (data, v) => {
    const fields = {
      name: textOrNull(v.name), area: v.area || null, lat: numberOrNull(v.lat), lon: numberOrNull(v.lon), postcode: textOrNull(v.postcode),
      address: textOrNull(v.address), genderPreference: v.genderPreference || null, accessNotes: textOrNull(v.accessNotes),
    };
    const lists = { preferredCarers: data.getAll('preferredCarers'), bannedCarers: data.getAll('bannedCarers'), regularCarers: data.getAll('regularCarers') };
    let r;
    if (person) {
      const changes = Object.fromEntries(Object.entries(fields).filter(([, x]) => x !== null));
      if (!v.genderPreference && person.genderPreference) changes.genderPreference = null;
      r = (await gql(`mutation($input: UpdateServiceUserInput!) { r: updateServiceUser(input: $input) { __typename
        ... on ServiceUserSaved { serviceUser { id name } } ... on Problem { message } ... on ServiceUserInvalid { field reason } ... on StaleServiceUser { currentVersion } } }`,
      { input: { id: person.id, expectedVersion: version, ...changes, ...(v.replaceCarers ? lists : {}) } })).r;
    } else {
      r = (await gql(`mutation($input: CreateServiceUserInput!) { r: createServiceUser(input: $input) { __typename
        ... on ServiceUserSaved { serviceUser { id name } } ... on Problem { message } ... on ServiceUserInvalid { field reason } } }`,
      { input: { ...Object.fromEntries(Object.entries(fields).filter(([, x]) => x !== null)), gender: v.gender || null, ...lists } })).r;
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

async function showCarePackages() {
  if (!cache.serviceUsers.length) await loadServiceUsers();
  $('reference-out').innerHTML = `
    <div class="toolbar"><button type="button" id="new-care-package">New care package</button></div>
    <p class="hint">A care package is a person's recurring visits (up to four a day, on chosen days, every one to four weeks),
      expanded into dated visits for the days you choose (at most 62). Packages cannot be listed or edited here yet:
      the API offers creating them only.</p>
    <div id="care-package-result" aria-live="polite"></div>`;
  $('new-care-package').addEventListener('click', () => ui.guarded(carePackageForm));
}

function carePackageFields(organisations) {
  return (v, data) => {
    const days = (i) => new Set(data ? data.getAll(`t${i}.days`) : ['1', '2', '3', '4', '5', '6', '7']);
    const start = $('date').value || today();
    const templates = TEMPLATE_DEFAULTS.map((t, i) => {
      const k = (name) => `t${i}.${name}`;
      const val = (name, d) => (k(name) in v ? v[k(name)] : d);
      const on = data ? data.has(k('on')) : i === 0;
      return `<fieldset class="template wide"><legend><label class="check"><input type="checkbox" name="${k('on')}" ${on ? 'checked' : ''}> Visit ${i + 1}</label></legend>
        ${field('Label', `<input name="${k('label')}" value="${esc(val('label', t.label))}">`)}
        <div class="days" role="group" aria-label="Days of visit ${i + 1}">${DAYS.map((d, j) => `<label class="check"><input type="checkbox" name="${k('days')}" value="${j + 1}" ${days(i).has(String(j + 1)) ? 'checked' : ''}> ${d}</label>`).join('')}</div>
        ${field('Every (weeks)', `<input name="${k('every')}" type="number" min="1" max="4" value="${esc(val('every', 1))}">`)}
        ${field('Window from', `<input name="${k('from')}" type="time" value="${esc(val('from', t.from))}">`)}
        ${field('Window to (latest start)', `<input name="${k('to')}" type="time" value="${esc(val('to', t.to))}">`)}
        ${field('Preferred start', `<input name="${k('preferred')}" type="time" value="${esc(val('preferred', ''))}">`)}
        ${field('Minutes', `<input name="${k('minutes')}" type="number" min="5" value="${esc(val('minutes', t.minutes))}">`)}
        ${field('Carers', `<select name="${k('carers')}">${opt('1', '1', val('carers', '1') === '1')}${opt('2', '2 (double-up)', val('carers', '1') === '2')}</select>`)}
        ${field('Priority', `<select name="${k('priority')}">${['NORMAL', 'HIGH', 'TIME_CRITICAL', 'LOW'].map((p) => opt(p, p.toLowerCase().replace('_', ' '), val('priority', 'NORMAL') === p)).join('')}</select>`)}
        ${field('Skills', `<input name="${k('skills')}" value="${esc(val('skills', ''))}" placeholder="personal-care; medication">`)}
      </fieldset>`;
    }).join('');
    return [
      field('Person', `<select name="serviceUser" required>${cache.serviceUsers.map((s) => opt(s.id, s.name, v.serviceUser === s.id)).join('')}</select>`),
      field('Commissioner (who pays)', `<select name="commissioner" required>${organisations.map((o) => opt(o.id, `${o.name} (${o.kind.toLowerCase().replace('_', ' ')})`, v.commissioner === o.id)).join('')}</select>`),
      field('Starts on', `<input name="startsOn" type="date" required value="${esc(v.startsOn ?? start)}">`),
      field('Ends on', `<input name="endsOn" type="date" value="${esc(v.endsOn ?? '')}">`, 'blank: open-ended'),
      field('Reference', input('reference', v)),
      field('Make visits from', `<input name="expandFrom" type="date" value="${esc(v.expandFrom ?? start)}">`),
      field('to', `<input name="expandTo" type="date" value="${esc(v.expandTo ?? addDays(start, 6))}">`),
      templates,
    ].join('');
  };
}

async function carePackageForm() {
  if (!cache.organisations.length) cache.organisations = (await gql('{ organisations { id name kind } }')).organisations;
  const payers = cache.organisations.filter((o) => o.kind !== 'PROVIDER');
  let created = null;
  await formLoop('New care package', carePackageFields(payers), async (data, v) => {
    const templates = TEMPLATE_DEFAULTS.map((_, i) => i).filter((i) => data.has(`t${i}.on`)).map((i) => {
      const g = (name) => v[`t${i}.${name}`];
      return {
        label: textOrNull(g('label')), daysOfWeek: data.getAll(`t${i}.days`).map(Number), everyWeeks: numberOrNull(g('every')) ?? 1,
        windowStart: g('from'), windowEnd: g('to'), preferredStart: g('preferred') || null, durationMinutes: numberOrNull(g('minutes')),
        carersRequired: Number(g('carers')), priority: g('priority'), requiredSkills: String(g('skills') || '').split(/[;,]/).map((s) => s.trim()).filter(Boolean),
      };
    });
    if (!templates.length) return 'Not saved: tick at least one visit.';
    const r = (await gql(`mutation($input: CreateCarePackageInput!) { r: createCarePackage(input: $input) { __typename
      ... on CarePackageCreated { carePackageId visitsCreated } ... on Problem { message } ... on VisitInvalid { field reason } } }`,
    { input: { serviceUserId: v.serviceUser, commissionerId: v.commissioner, startsOn: v.startsOn, endsOn: v.endsOn || null, reference: textOrNull(v.reference),
      templates, expandFrom: v.expandFrom || null, expandTo: v.expandTo || null } })).r;
    if (r.__typename === 'CarePackageCreated') { created = r; return null; }
    return `Not saved: ${problemText(r)}`;
  });
  if (created) {
    ui.say(`Care package saved: ${created.visitsCreated} dated visit${created.visitsCreated === 1 ? '' : 's'} created.`, true);
    $('care-package-result').innerHTML = `<p id="care-package-created">Care package saved (${esc(created.carePackageId.slice(0, 8))}): ${created.visitsCreated} visits created. Generate the rota to place them.</p>`;
  }
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
