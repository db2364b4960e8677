// CareRota report page: a plain JavaScript module, no build step. It asks the GraphQL API for a
// capacity report, fetches the SVG charts and CSV files with the bearer token (so they are never
// public URLs), and shows suppressed figures as [c].

const QUERY = `query capacityReport($input: CapacityReportInput!) {
  capacityReport(input: $input) {
    __typename
    ... on Problem { message }
    ... on CapacityReport {
      area { name } from to groupBy disclosureControlled suppressionThreshold
      groups {
        area { name } week day sector commissioner { name } pool { name }
        commissionedHours { value suppressed } plannedHours { value suppressed }
        unassignedHours { value suppressed } unassignedPeople { value suppressed }
        leadingReasons { reason slots { value suppressed } }
        deliveredHours { value suppressed } notDeliveredHours { value suppressed }
        lateVisits { value suppressed } missedVisits { value suppressed } shortVisits { value suppressed }
        carersRostered { value suppressed } availableHours { value suppressed } usedHours { value suppressed }
        utilisation { value suppressed } travelShare { value suppressed } continuity { value suppressed }
        crossPoolHours { value suppressed } absenceRate { value suppressed }
      }
    }
  }
}`;

/** The table's columns: heading and how to read the cell from a group. */
export const COLUMNS = [
  ['Area', (g) => g.area?.name],
  ['Week', (g) => g.week],
  ['Day', (g) => g.day],
  ['Sector', (g) => g.sector],
  ['Commissioner', (g) => g.commissioner?.name],
  ['Pool', (g) => g.pool?.name],
  ['Commissioned h', (g) => g.commissionedHours],
  ['Planned h', (g) => g.plannedHours],
  ['Unmet h', (g) => g.unassignedHours],
  ['People with unmet need', (g) => g.unassignedPeople],
  ['Leading reasons', (g) => g.leadingReasons.map((r) => `${r.reason} (${cell(r.slots)})`).join('; ')],
  ['Delivered h', (g) => g.deliveredHours],
  ['Not delivered h', (g) => g.notDeliveredHours],
  ['Late visits', (g) => g.lateVisits],
  ['Missed visits', (g) => g.missedVisits],
  ['Short visits', (g) => g.shortVisits],
  ['Carers rostered', (g) => g.carersRostered],
  ['Available h', (g) => g.availableHours],
  ['Used h', (g) => g.usedHours],
  ['Utilisation', (g) => g.utilisation],
  ['Travel share', (g) => g.travelShare],
  ['Continuity', (g) => g.continuity],
  ['Cross-pool h', (g) => g.crossPoolHours],
  ['Absence rate', (g) => g.absenceRate],
];

/** The text of a figure: [c] when suppressed, empty when there is nothing to measure. */
export function cell(value) {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object') return String(value);
  if (value.suppressed) return '[c]';
  return value.value === null ? '' : String(value.value);
}

function $(id) {
  return document.getElementById(id);
}

function settings() {
  const form = $('report-form');
  return {
    token: form.token.value.trim(),
    area: form.area.value.trim(),
    from: form.from.value,
    to: form.to.value,
    groupBy: [...form.querySelectorAll('input[name="groupBy"]:checked')].map((box) => box.value),
  };
}

function query(s, extra = {}) {
  const params = new URLSearchParams({ area: s.area, from: s.from, to: s.to, ...extra });
  return params.toString();
}

// the shared sign-in (/auth/session.js), loaded in the browser only (this module is also imported by tests)
let auth;

async function currentToken(pasted) {
  if (auth && auth.session.token()) return (await auth.accessToken()) || auth.session.token();
  return pasted;
}

async function authorised(url, pasted, init = {}, retried = false) {
  const token = await currentToken(pasted);
  const response = await fetch(url, { ...init, headers: { ...(init.headers || {}), Authorization: `Bearer ${token}` } });
  if (response.status === 401 && auth && !retried) {
    // expired: refreshed, or back to the identity provider and then to this page
    if (await auth.sessionEnded()) return authorised(url, pasted, init, true);
    showTokenField(true);
    throw new Error('Your session has ended: sign in again (or paste a new token).');
  }
  if (!response.ok) {
    let detail = `${response.status} ${response.statusText}`;
    try {
      const problem = await response.json();
      detail = problem.detail || problem.title || detail;
    } catch (ignored) { /* not JSON */ }
    throw new Error(detail);
  }
  return response;
}

function showProblem(message) {
  const box = $('problem');
  box.textContent = message;
  box.hidden = !message;
}

function renderTable(report) {
  const table = $('report-table');
  $('report-caption').textContent = `${report.area.name}, ${report.from} to ${report.to}, by ${report.groupBy.join(', ') || 'nothing'}`;
  $('disclosure').textContent = report.disclosureControlled
    ? `Disclosure-controlled: counts below ${report.suppressionThreshold} are shown as [c]; other counts are rounded to the nearest 5.`
    : 'Exact figures for your own organisation.';
  const head = table.tHead;
  head.replaceChildren();
  const headRow = head.insertRow();
  for (const [name] of COLUMNS) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = name;
    headRow.appendChild(th);
  }
  const body = table.tBodies[0];
  body.replaceChildren();
  report.groups.forEach((group, index) => {
    const row = body.insertRow();
    row.id = `group-${index}`;
    COLUMNS.forEach(([name, read], column) => {
      const value = read(group);
      const td = row.insertCell();
      td.textContent = cell(value);
      td.dataset.column = name;
      if (column < 6) td.className = 'key';
      if (value && typeof value === 'object' && value.suppressed) td.classList.add('suppressed');
    });
  });
  $('results').hidden = false;
}

async function renderCharts(s) {
  const figures = document.querySelectorAll('#charts figure');
  await Promise.all([...figures].map(async (figure) => {
    const response = await authorised(`/reports/charts/${figure.dataset.chart}.svg?${query(s)}`, s.token);
    const svg = new DOMParser().parseFromString(await response.text(), 'image/svg+xml').documentElement;
    figure.querySelector('svg')?.remove();
    figure.insertBefore(document.importNode(svg, true), figure.firstChild);
  }));
  $('charts').hidden = false;
}

async function download(button) {
  const s = settings();
  const extra = button.id === 'download-capacity' ? { groupBy: s.groupBy.join(',') } : {};
  let url = `${button.dataset.href}?${query(s, extra)}`;
  if (button.id === 'download-tracker') {
    url = `${button.dataset.href}?${new URLSearchParams({ area: s.area, month: s.from.slice(0, 7) })}`;
  }
  try {
    const response = await authorised(url, s.token);
    const blob = await response.blob();
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = url.split('?')[0].split('/').pop();
    link.click();
    URL.revokeObjectURL(link.href);
  } catch (error) {
    showProblem(error.message);
  }
}

async function run(event) {
  event.preventDefault();
  const s = settings();
  showProblem('');
  $('status').textContent = 'Loading…';
  try {
    const response = await authorised('/graphql', s.token, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ query: QUERY, variables: { input: { area: s.area, from: s.from, to: s.to, groupBy: s.groupBy } } }),
    });
    const result = await response.json();
    if (result.errors?.length) throw new Error(result.errors.map((e) => e.message).join('; '));
    const report = result.data.capacityReport;
    if (report.__typename !== 'CapacityReport') {
      $('results').hidden = true;
      $('charts').hidden = true;
      $('downloads').hidden = true;
      showProblem(report.message);
      $('status').textContent = '';
      return;
    }
    renderTable(report);
    $('downloads').hidden = false;
    await renderCharts(s);
    $('status').textContent = `${report.groups.length} group(s).`;
  } catch (error) {
    $('status').textContent = '';
    showProblem(error.message);
  }
}

/**
 * Fills the area list (areas are public geography: every signed-in role may list them) once a token
 * is known, by name; the area chosen before stays chosen. A list that cannot be loaded says why.
 */
async function loadAreas() {
  const form = $('report-form');
  const pasted = form.token.value.trim();
  if (!pasted && !auth?.session?.token()) return;
  try {
    const response = await authorised('/graphql', pasted, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ query: '{ areas { id name } }' }),
    });
    const result = await response.json();
    if (result.errors?.length) throw new Error(result.errors.map((e) => e.message).join('; '));
    const chosen = form.area.value;
    const areas = [...result.data.areas].sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
    form.area.replaceChildren(new Option('Choose an area', ''), ...areas.map((a) => new Option(a.name, a.id)));
    form.area.value = areas.some((a) => a.id === chosen) ? chosen : '';
  } catch (error) {
    showProblem(`The areas could not be loaded: ${error.message}`);
  }
}

/** The pasted-token field: only for someone who has not signed in through the pages. */
function showTokenField(show) {
  for (const id of ['token', 'token-help']) $(id).hidden = !show;
  document.querySelector('label[for="token"]').hidden = !show;
  $('token').required = show;
  $('signed-in').hidden = show;
}

async function useSignIn() {
  auth = await import('/auth/session.js');
  const current = auth.session.get();
  if (current?.access_token) {
    showTokenField(false);
    $('signed-in').textContent = `Signed in as ${current.name || current.user}${current.role ? ` (${current.role.toLowerCase()})` : ''}.`;
    return;
  }
  const config = await auth.pageConfig().catch(() => ({ mode: 'none' }));
  if (config.mode === 'oidc') await auth.signInWithProvider({ returnTo: location.pathname + location.search });
}

if (typeof document !== 'undefined') {
  document.addEventListener('DOMContentLoaded', () => {
    const today = new Date();
    const first = new Date(today.getFullYear(), today.getMonth(), 1);
    const form = $('report-form');
    form.from.value ||= first.toISOString().slice(0, 10);
    form.to.value ||= today.toISOString().slice(0, 10);
    form.token.value = sessionStorage.getItem('carerota.token') || '';
    useSignIn()
      .then(loadAreas)
      .catch((error) => showProblem(error.message || String(error)));
    form.token.addEventListener('change', () => {
      sessionStorage.setItem('carerota.token', form.token.value);
      loadAreas();
    });
    form.addEventListener('submit', run);
    document.querySelectorAll('#downloads button').forEach((button) => button.addEventListener('click', () => download(button)));
  });
}
