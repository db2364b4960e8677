// The coordinator's rota board in a real browser (Debian's chromium driven by playwright-core),
// used as a coordinator would: sign in, generate a rota and watch the progress, review the draft,
// the week view, drag a visit onto another carer and time and see the constraints it breaks,
// the bad-input paths (a drag the server refuses, a stale version after another session changed
// the plan, a plan published by another session meanwhile, a connection lost during generation),
// publish with read receipts, report an absence and see the diff, the map, keyboard use, the
// reference-data screens (carers, service users, care packages, CSV import), a tablet-width layout
// and the contrast of the page's text. Run by CoordinatorBoardBrowserIntegrationTests with:
//   BASE_URL  the running application   ARTIFACTS where screenshots go
//   CHROMIUM  the browser               COORDINATOR the demo user   AREA_NAME / DATE the demo area-day
// No sleeps and no retries: every step waits for a condition of the page (<body data-busy="false">
// once the page has settled, a message, an element).
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import assert from 'node:assert/strict';

const BASE = process.env.BASE_URL;
const ARTIFACTS = process.env.ARTIFACTS || 'target/browser-artifacts';
const USER = process.env.COORDINATOR || 'coordinator.norfolk';
const AREA_NAME = process.env.AREA_NAME || 'Norwich';
const DATE = process.env.DATE || '2026-11-23';
assert.ok(BASE, 'BASE_URL is required');
mkdirSync(ARTIFACTS, { recursive: true });

const step = (text) => console.log(`[board] ${new Date().toISOString()} ${text}`);
const minutes = (hhmm) => { const [h, m] = hhmm.split(':').map(Number); return h * 60 + m; };
const hhmm = (min) => `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});

/** Another coordinator's session, straight over the API (a colleague at another desk). */
async function otherSession() {
  const context = await browser.newContext();
  const response = await context.request.post(`${BASE}/demo/token`, { data: { user: USER } });
  const token = (await response.json()).access_token;
  return {
    async gql(query, variables = {}) {
      const r = await context.request.post(`${BASE}/graphql`, { headers: { Authorization: `Bearer ${token}` }, data: { query, variables } });
      const body = await r.json();
      assert.ok(!body.errors, `other session: ${JSON.stringify(body.errors)}`);
      return body.data;
    },
    close: () => context.close(),
  };
}

let page;
try {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/London' });
  page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') console.log('[page console]', m.text()); });
  const shot = (name, p = page) => p.screenshot({ path: `${ARTIFACTS}/board-${name}.png`, fullPage: true });
  // the part a reviewer looks at (the full page is long: every unassigned visit with its reasons)
  const shotOf = (locator, name) => locator.screenshot({ path: `${ARTIFACTS}/board-${name}.png` });
  const banner = page.locator('#banner');
  const dialog = page.locator('#dialog');
  const idle = () => page.locator('body[data-busy="false"]').waitFor({ timeout: 30000 });
  const planVersion = () => page.locator('#plan-bar').getAttribute('data-plan-version');
  const planId = () => page.locator('#plan-bar').getAttribute('data-plan-id');
  const block = (visitId) => page.locator(`.block[data-visit-id="${visitId}"]`).first();
  /**
   * An HTML5 drag as a person does it: with the block and the drop point both on screen, press on
   * the block, move onto the target, and release only once the page has accepted the drag over
   * that row (its dragover handler marks it .drop-target and shows the drop time).
   * The old "flaky first drag" came from the target being off screen when the button was pressed:
   * Playwright then scrolls the page in the middle of the drag, Chromium delivers no dragover and
   * the release is ignored; the retry worked only because the first attempt had left the page
   * scrolled. Now both ends are brought into view first, and the release waits for the page.
   */
  async function drag(source, target, { from = { x: 2, y: 10 }, to = { x: 5, y: 6 }, dropAt } = {}) {
    await idle();
    // bring both ends on screen ourselves, then move the mouse by coordinates (no implicit scrolling
    // while the button is down)
    const points = await page.evaluate(([src, tgt, f, t]) => {
      const board = document.getElementById('board');
      const a = src.getBoundingClientRect();
      const b = tgt.getBoundingClientRect();
      // (the carer column is sticky: a drop on a name needs only the block on screen)
      const onName = !!tgt.closest('.who-cell');
      const left = onName ? a.left : Math.min(a.left, b.left + t.x);
      const right = onName ? a.right : Math.max(a.right, b.left + t.x + 10);
      const box = board.getBoundingClientRect();
      const sticky = document.querySelector('.row .who-cell').getBoundingClientRect().width;
      if (left < box.left + sticky || right > box.right) board.scrollLeft += left - (box.left + sticky + 20);
      const top = Math.min(src.getBoundingClientRect().top, tgt.getBoundingClientRect().top);
      const bottom = Math.max(src.getBoundingClientRect().bottom, tgt.getBoundingClientRect().bottom);
      if (top < 0 || bottom > innerHeight) window.scrollBy(0, top - 40);
      const c = src.getBoundingClientRect(); const d = tgt.getBoundingClientRect();
      const visible = c.top >= 0 && d.top >= 0 && c.bottom <= innerHeight && d.bottom <= innerHeight
        && c.left >= box.left + sticky - 1 && c.right <= box.right && d.left + t.x <= box.right;
      return { visible, from: { x: c.left + f.x, y: c.top + f.y }, to: { x: d.left + t.x, y: d.top + t.y } };
    }, [await source.elementHandle(), await target.elementHandle(), from, to]);
    assert.ok(points.visible, 'the block and the drop point fit on the screen together');
    await page.mouse.move(points.from.x, points.from.y);
    await page.mouse.down();
    await page.mouse.move(points.to.x, points.to.y, { steps: 2 });
    await page.mouse.move(points.to.x, points.to.y + 1);
    await page.locator('.row.drop-target').waitFor({ timeout: 15000 });
    if (dropAt) await page.locator('.row.drop-target .drop-time', { hasText: dropAt }).waitFor({ timeout: 15000 });
    await page.mouse.up();
  }

  // the socket of the next generation can be cut by the test (a lost connection)
  let cutNextSocket = false;
  await page.routeWebSocket(/\/graphql$/, (ws) => {
    const server = ws.connectToServer();
    if (!cutNextSocket) return; // forwarded both ways untouched
    cutNextSocket = false;
    server.onMessage((message) => {
      ws.send(message);
      if (String(message).includes('"next"')) ws.close({ code: 4000, reason: 'test: connection lost' });
    });
  });

  step('a commissioner is sent to the reports');
  const other = await browser.newContext();
  const commissioner = await other.newPage();
  await commissioner.goto(BASE + '/');
  await commissioner.getByLabel('User name').fill('commissioner.norfolk');
  await commissioner.getByRole('button', { name: 'Sign in' }).click();
  await commissioner.waitForURL(/\/reports\//, { timeout: 10000, waitUntil: 'commit' });
  await other.close();

  step('sign in as ' + USER);
  await page.goto(BASE + `/#date=${DATE}`);
  await page.getByLabel('User name').fill(USER);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForFunction(() => document.querySelectorAll('#area option').length > 0, null, { timeout: 15000 });
  const area = await page.locator('#area option', { hasText: AREA_NAME }).first().getAttribute('value');
  await page.locator('#area').selectOption(area);
  await page.locator('#date').fill(DATE);
  await page.getByRole('button', { name: 'Show' }).click();
  await idle();
  await shot('01-before-generation');

  step('generate a rota and watch the progress');
  await page.locator('#seconds').fill('4');
  await page.getByRole('button', { name: 'Generate rota' }).click();
  await page.locator('#progress-text').getByText(/best score|running|queued/).waitFor({ timeout: 20000 });
  await shot('02-generating');
  await page.locator('#progress-text', { hasText: /completed\.|cancelled\./ }).waitFor({ timeout: 90000 });
  await page.locator('#plan-status', { hasText: 'draft' }).waitFor({ timeout: 10000 });
  await page.locator('#diff-title, #review p').first().waitFor({ timeout: 20000 });
  await idle();
  assert.ok(await page.locator('.block').count() > 0, 'the draft shows visits on the board');
  const totals = await page.locator('#plan-bar').textContent();
  assert.match(totals, /minimum £\d+\.\d\d/, 'plan totals compare pay with the minimum wage');
  const wageNote = page.locator('#wage-note');
  if (await wageNote.count()) {
    step('minimum wage: ' + (await wageNote.textContent()));
    assert.match(await wageNote.textContent(), /£12\.71/);
  } else step('minimum wage: from the organisation setting');
  await shot('03-draft');

  step('the week view: visits and contact hours per carer and day');
  await page.locator('#view').selectOption('week');
  await page.locator('#week table caption', { hasText: 'Week' }).waitFor({ timeout: 20000 });
  await idle();
  assert.equal(await page.locator('#week thead th').count(), 8, 'carer column and seven days');
  assert.ok(await page.locator('#week tbody tr').count() > 0, 'carers in the week view');
  assert.ok(await page.locator('#board').isHidden(), 'the day board is hidden in week view');
  await shot('04-week');
  await page.locator('#view').selectOption('day');
  await page.locator('#board .row').first().waitFor();
  await idle();

  step('drag a visit onto another carer just before their time-critical visit: the broken constraints are shown; cancel changes nothing');
  const rows = page.locator('.row');
  assert.ok(await rows.count() >= 3, 'at least three carers on the board');
  const scoreBefore = await page.locator('#plan-score').textContent();
  const versionBefore = await planVersion();
  // A visit V put on another carer's line at a time "at" before that carer's time-critical visit B,
  // where V lasts longer than B's slack (B's latest start minus "at"): B is pushed past its latest
  // start, a hard constraint, whatever the solver's draft looks like. V comes from the board (a
  // drag) or, when no visit on the board fits, from the unassigned list (by keyboard: the list is
  // below the board, and a drag there would need the page to scroll in the middle of it).
  const clash = await page.evaluate(() => {
    const min = (t) => { const [h, m] = t.split(':').map(Number); return h * 60 + m; };
    const rowsEl = [...document.querySelectorAll('.row')];
    const loose = [...document.querySelectorAll('#unassigned-list li[data-visit-id]')].filter((li) => li.dataset.carers === '1');
    for (const source of ['board', 'unassigned']) {
      for (const to of rowsEl) for (const b of to.querySelectorAll('.block.time-critical:not(.double-up)')) {
        const candidates = source === 'board'
          ? rowsEl.filter((r) => r !== to).flatMap((r) => [...r.querySelectorAll('.block:not(.double-up)')].map((v) => ({ v, from: r.dataset.carerId })))
          : loose.map((v) => ({ v, from: null }));
        for (const { v, from } of candidates) {
          const latest = Math.min(min(b.dataset.start) - 5, min(v.dataset.windowEnd));
          for (let at = Math.floor(latest / 5) * 5; at >= min(v.dataset.windowStart) && Number(v.dataset.duration) > min(b.dataset.windowEnd) - at + 5; at -= 5) {
            return { source, visitId: v.dataset.visitId, from, to: to.dataset.carerId, toName: to.dataset.carerName, at };
          }
        }
      }
    }
    return null;
  });
  assert.ok(clash, 'a time-critical visit and a longer visit whose window allows it just before');
  step(`moving a visit from the ${clash.source} to ${clash.toName} at ${hhmm(clash.at)}`);
  const axisStart = await page.evaluate(() => Number(document.querySelector('.axis .tick')?.textContent.slice(0, 2)) * 60);
  const ppm = await page.evaluate(() => parseFloat(getComputedStyle(document.getElementById('board')).getPropertyValue('--px-per-min')));
  if (clash.source === 'board') {
    const clashTarget = page.locator(`.row[data-carer-id="${clash.to}"] .lane`);
    await drag(block(clash.visitId), clashTarget, { to: { x: (clash.at - axisStart) * ppm + 2, y: 20 }, dropAt: hhmm(clash.at) });
  } else {
    await page.locator(`#unassigned-list li[data-visit-id="${clash.visitId}"]`).focus();
    await page.keyboard.press('Enter');
    await dialog.locator('#move-carer').selectOption(clash.to);
    await dialog.locator('#move-at').fill(hhmm(clash.at));
    await dialog.getByRole('button', { name: 'Move' }).click();
  }
  await dialog.locator('#broken-constraints').waitFor({ timeout: 20000 });
  const title = await dialog.locator('#dialog-title').textContent();
  assert.ok(title.includes(`to ${clash.toName} at ${hhmm(clash.at)}`), `the dialog names the carer and the time: ${title}`);
  const broken = await dialog.locator('#broken-constraints li').allTextContents();
  step('broken constraints: ' + broken.join(' | '));
  assert.ok(broken.some((b) => b.includes('timeCriticalLate')), 'the time-critical visit pushed late is named');
  await shot('05-drag-broken-constraints');
  await shotOf(dialog, '05b-broken-constraints-dialog');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await banner.getByText('Nothing changed.').waitFor();
  await idle();
  assert.equal(await page.locator('#plan-score').textContent(), scoreBefore, 'cancel leaves the plan as it was');
  assert.equal(await planVersion(), versionBefore, 'cancel leaves the plan version as it was');
  assert.equal(await page.locator(clash.from ? `.row[data-carer-id="${clash.from}"] .block[data-visit-id="${clash.visitId}"]` : `#unassigned-list li[data-visit-id="${clash.visitId}"]`).count(), 1, 'the visit is still where it was');

  step('drag a visit to a later time on its own carer\'s line: it lands where dropped');
  const later = await page.evaluate(() => {
    for (const row of document.querySelectorAll('.row')) {
      const bs = [...row.querySelectorAll('.block')];
      const last = bs[bs.length - 1];
      if (!last) continue;
      const [sh, sm] = last.dataset.start.split(':').map(Number); const [eh, em] = last.dataset.windowEnd.split(':').map(Number);
      const start = sh * 60 + sm; const end = eh * 60 + em;
      if (end - start >= 20 && !last.classList.contains('double-up')) return { visitId: last.dataset.visitId, carer: row.dataset.carerId, start, end };
    }
    return null;
  });
  assert.ok(later, 'a last visit of a day with room in its window');
  const wanted = Math.floor((later.start + 15) / 5) * 5;
  const ownLane = page.locator(`.row[data-carer-id="${later.carer}"] .lane`);
  await drag(block(later.visitId), ownLane, { to: { x: (wanted - axisStart) * ppm + 2, y: 20 }, dropAt: hhmm(wanted) });
  await Promise.race([
    dialog.locator('#broken-constraints').waitFor({ timeout: 20000 }),
    banner.getByText(/^Moved/).waitFor({ timeout: 20000 }),
  ]);
  if (await dialog.isVisible()) {
    step('moving it later breaks: ' + (await dialog.locator('#broken-constraints').textContent()).replace(/\s+/g, ' '));
    await dialog.getByRole('button', { name: 'Apply anyway' }).click();
  }
  await banner.getByText(/^Moved/).waitFor({ timeout: 20000 });
  await idle();
  const landed = await page.locator(`.row[data-carer-id="${later.carer}"] .block[data-visit-id="${later.visitId}"]`).getAttribute('data-start');
  step(`dropped at ${hhmm(wanted)}, starts at ${landed}`);
  assert.equal(landed, hhmm(wanted), 'the visit starts where it was dropped');
  assert.notEqual(await planVersion(), versionBefore, 'the plan has a new version');
  await shot('06-drag-to-time');

  step('a drag the server refuses (outside the visit\'s window): a clear message, nothing changed');
  const versionBeforeRefusal = await planVersion();
  const refusedAt = Math.round((later.end + 60 <= 22 * 60 ? later.end + 60 : Math.max(axisStart, later.start - 180)) / 5) * 5;
  await drag(block(later.visitId), ownLane, { to: { x: (refusedAt - axisStart) * ppm + 2, y: 20 }, dropAt: hhmm(refusedAt) });
  await banner.getByText(/The server refused the move: requestedStart: .*window/).waitFor({ timeout: 20000 });
  await idle();
  assert.equal(await planVersion(), versionBeforeRefusal, 'a refused move changes nothing');
  assert.equal(await block(later.visitId).getAttribute('data-start'), hhmm(wanted), 'the visit stays where it was');
  await shot('07-drag-refused');
  await shotOf(page.locator('header.top, #banner').last(), '07b-refused-message');

  step('a stale version: another session changes the plan, then this page drags');
  const colleague = await otherSession();
  const draftId = await planId();
  const current = await colleague.gql('query($id: UUID!) { plan(id: $id) { version routes { carer { id } assignments { visit { id } } } } }', { id: draftId });
  const fromRoute = current.plan.routes.find((r) => r.assignments.length > 0 && r.carer.id !== later.carer);
  const theirVisit = fromRoute.assignments[0].visit.id;
  const theirCarer = current.plan.routes.find((r) => r.carer.id !== fromRoute.carer.id && r.carer.id !== later.carer).carer.id;
  const theirs = await colleague.gql(`mutation($input: AssignVisitInput!) { assignVisit(input: $input) { __typename } }`,
    { input: { planId: draftId, expectedVersion: current.plan.version, visitId: theirVisit, carerId: theirCarer, confirm: true } });
  assert.equal(theirs.assignVisit.__typename, 'VisitAssigned');
  const staleVersion = await planVersion();
  await drag(block(later.visitId), page.locator(`.row[data-carer-id="${later.carer}"] .who-cell .totals`).first());
  // the page still holds the old version: the server says stale; the board reloads to the colleague's version
  await banner.getByText(/Someone else changed this plan/).waitFor({ timeout: 20000 });
  await idle();
  assert.equal(Number(await planVersion()), current.plan.version + 1, 'the board now shows the colleague\'s version');
  assert.notEqual(await planVersion(), staleVersion);
  assert.equal(await page.locator(`.row[data-carer-id="${theirCarer}"] .block[data-visit-id="${theirVisit}"]`).count(), 1, 'the colleague\'s move is on the board');
  await shot('08-stale-version');

  step('keyboard: Tab to a visit, Enter opens its actions, Escape closes them and focus returns');
  await page.locator('#board .block').first().focus();
  const focusedVisit = await page.evaluate(() => document.activeElement.dataset.visitId);
  await page.keyboard.press('Enter');
  await dialog.locator('#move-carer').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'move-carer', 'focus moves into the dialog');
  assert.ok(await dialog.locator('#move-at').count(), 'a start time can be chosen from the keyboard');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  assert.equal(await page.evaluate(() => document.activeElement?.dataset?.visitId), focusedVisit, 'focus returns to the visit');

  step('publish the draft and see the read receipts');
  await idle();
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await banner.getByText(/Published revision/).waitFor({ timeout: 20000 });
  await page.locator('#plan-status', { hasText: 'published' }).waitFor({ timeout: 10000 });
  await page.locator('#receipts-title').waitFor({ timeout: 10000 });
  assert.match(await page.locator('#receipts').textContent(), /Not yet received/);
  await shot('09-published-receipts');

  step('the live connection is lost during generation: the page says so, checks with the server and shows the draft');
  await idle();
  cutNextSocket = true;
  await page.getByRole('button', { name: 'Generate rota' }).click();
  await banner.getByText(/live connection was lost/).waitFor({ timeout: 30000 });
  // and the server cannot be reached for a moment either
  await page.route('**/graphql', (route) => route.abort('internetdisconnected'));
  await page.locator('#progress-text', { hasText: /cannot be reached/ }).waitFor({ timeout: 20000 });
  await shot('10-connection-lost');
  await page.unroute('**/graphql');
  await page.locator('#progress-text', { hasText: /completed\./ }).waitFor({ timeout: 90000 });
  await banner.getByText(/asked the server instead/).waitFor({ timeout: 20000 });
  await page.locator('#plan-status', { hasText: 'draft' }).waitFor({ timeout: 10000 });
  await idle();
  const secondDraft = await planId();

  step('another session publishes the draft meanwhile: this page\'s drag is refused and the board shows the published plan');
  const fresh = await colleague.gql('query($id: UUID!) { plan(id: $id) { version } }', { id: secondDraft });
  const published = await colleague.gql('mutation($input: PublishRotaInput!) { publishRota(input: $input) { __typename } }',
    { input: { planId: secondDraft, expectedVersion: fresh.plan.version } });
  assert.equal(published.publishRota.__typename, 'RotaPublished');
  const moving = await page.locator('#board .block').first().getAttribute('data-visit-id');
  const elsewhere = await page.locator(`.row:not(:has(.block[data-visit-id="${moving}"]))`).first();
  await drag(block(moving), elsewhere.locator('.who-cell .totals'));
  await banner.getByText(/no longer a draft/).waitFor({ timeout: 20000 });
  await idle();
  await page.locator('#plan-status', { hasText: 'published' }).waitFor({ timeout: 10000 });
  await shot('11-published-meanwhile');
  await colleague.close();

  step('report a carer absent: re-planned, and the diff is shown');
  // visits that have started stay with their carer, so pick the carer with most visits still to
  // come (London time, with a margin for the re-plan): which carer that is depends on the hour the
  // test runs at, never on luck
  const soon = new Date(Date.now() + 30 * 60000).toLocaleTimeString('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hour12: false });
  const toCome = await page.evaluate((after) => {
    let name = null;
    let count = 0;
    for (const row of document.querySelectorAll('#board .row[data-carer-name]')) {
      const n = [...row.querySelectorAll('.block')].filter((b) => (b.dataset.start || '') > after).length;
      if (n > count) { count = n; name = row.dataset.carerName; }
    }
    return { name, count };
  }, soon);
  const absentCarer = toCome.name ?? await rows.first().getAttribute('data-carer-name');
  step(`absent: ${absentCarer}, with ${toCome.count} visit(s) after ${soon}`);
  await page.getByRole('button', { name: 'Same-day change…' }).click();
  await dialog.locator('#same-day-kind').selectOption('absence');
  await dialog.locator('select[name=carer]').selectOption({ label: absentCarer });
  await dialog.locator('input[name=seconds]').fill('3');
  await dialog.getByRole('button', { name: 'Record and re-plan' }).click();
  await page.locator('#diff-title').waitFor({ timeout: 60000 });
  await idle();
  const diff = await page.locator('#review').textContent();
  step('diff: ' + diff.replace(/\s+/g, ' ').slice(0, 300));
  assert.match(diff, /Same-day re-plan/);
  assert.match(diff, /moved|removed|retimed|added/);
  if (toCome.count > 0) {
    assert.ok(diff.includes(absentCarer) || /unassigned/.test(diff), 'the diff names the absent carer\'s visits');
  } else {
    step('no carer has a visit left today after ' + soon + ': nothing of theirs can move, so the diff is not checked for a name');
  }
  await shot('12-absence-diff');

  step('the map of a carer\'s day is drawn without tiles');
  await rows.first().getByRole('button', { name: /^Map of/ }).click();
  await page.locator('#map svg circle').first().waitFor();
  await shot('13-map');

  step('reference data: carers with expiries; a refused form keeps what was typed; create with catalogue skills, shift shown and removed, archive');
  await page.getByRole('tab', { name: 'Carers' }).click();
  await page.locator('#carers-table tbody tr').first().waitFor({ timeout: 20000 });
  await idle();
  await page.locator('#expiries-title').waitFor();
  await shot('14-carers');
  const carerName = `Test Carer ${Date.now()}`;
  await page.getByRole('button', { name: 'New carer' }).click();
  await dialog.locator('input[name=name]').fill(carerName);
  await dialog.locator('input[name=homeLat]').fill('95');
  await dialog.locator('input[name=homeLon]').fill('1.29');
  // skills come from the catalogue (archived ones are not offered for a new carer)
  const skillBoxes = dialog.locator('#skill-picker input[name=skill]');
  await skillBoxes.first().waitFor({ state: 'attached' });
  const pickedSkill = await skillBoxes.first().getAttribute('value');
  await skillBoxes.first().check();
  await dialog.locator(`input[name="until.${pickedSkill}"]`).fill('2027-01-31');
  assert.equal(await dialog.locator('#skill-picker', { hasText: 'archived' }).count(), 0, 'no archived skill is offered');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.locator('#form-error').waitFor({ timeout: 20000 });
  step('refused: ' + (await dialog.locator('#form-error').textContent()));
  assert.match(await dialog.locator('#form-error').textContent(), /homeLat/i);
  assert.equal(await dialog.locator('input[name=name]').inputValue(), carerName, 'the name typed is kept');
  assert.ok(await dialog.locator(`#skill-picker input[value="${pickedSkill}"]`).isChecked(), 'the skill picked is kept');
  assert.equal(await dialog.locator(`input[name="until.${pickedSkill}"]`).inputValue(), '2027-01-31', 'its expiry typed is kept');
  await shot('15-carer-refused');
  await shotOf(dialog, '15b-carer-refused-dialog');
  await dialog.locator('input[name=homeLat]').fill('52.63');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await banner.getByText(`Saved ${carerName}.`).waitFor({ timeout: 20000 });
  await idle();
  const newRow = page.locator('#carers-table tbody tr', { hasText: carerName });
  await newRow.waitFor();
  await newRow.getByRole('button', { name: /Add a shift/ }).click();
  // the day after the board's day: a shift that has not started, so that it can be removed
  const nextDay = new Date(Date.parse(`${DATE}T12:00:00Z`) + 86400000).toISOString().slice(0, 10);
  await dialog.locator('input[name=day]').fill(nextDay);
  await dialog.locator('input[name=from]').fill('08:00');
  await dialog.locator('input[name=to]').fill('14:00');
  await dialog.getByRole('button', { name: 'Add shift' }).click();
  await banner.getByText(/Shift added for/).waitFor({ timeout: 20000 });
  await idle();
  const carerRow = page.locator('#carers-table tbody tr', { hasText: carerName });
  assert.match(await carerRow.textContent(), /2027-01-31/, 'the catalogue skill and its expiry were saved');
  await carerRow.getByRole('button', { name: /^Shifts and absences of/ }).click();
  await idle();
  const shiftItems = page.locator('#schedule-shifts li');
  await shiftItems.first().waitFor();
  assert.equal(await shiftItems.count(), 1, 'the shift just added is shown');
  assert.match(await shiftItems.first().textContent(), /08:00/);
  await shotOf(page.locator('#carer-schedule'), '15c-carer-schedule');
  await shiftItems.first().getByRole('button', { name: /^Remove the shift/ }).click();
  await banner.getByText(/shift of .* was removed/).waitFor({ timeout: 20000 });
  await idle();
  await page.locator('#schedule-shifts-none').waitFor();
  await page.locator('#carers-table tbody tr', { hasText: carerName }).getByRole('button', { name: /^Archive/ }).click();
  await dialog.getByRole('button', { name: 'Archive' }).click();
  await banner.getByText(`${carerName} archived.`).waitFor({ timeout: 20000 });
  await idle();
  assert.equal(await page.locator('#carers-table tbody tr', { hasText: carerName }).count(), 0, 'an archived carer leaves the list');

  step('service users: the list of the area, a new person with a preferred carer');
  await page.getByRole('tab', { name: 'Service users' }).click();
  await page.locator('#service-users-table tbody tr').first().waitFor({ timeout: 20000 });
  await idle();
  const personName = `Test Person ${Date.now()}`;
  await page.getByRole('button', { name: 'New service user' }).click();
  await dialog.locator('input[name=name]').fill(personName);
  await dialog.locator('input[name=lat]').fill('52.63');
  await dialog.locator('input[name=lon]').fill('1.30');
  await dialog.locator('select[name=genderPreference]').selectOption('F');
  await dialog.locator('select[name=preferredCarers] option').first().waitFor({ state: 'attached' });
  const preferred = await dialog.locator('select[name=preferredCarers] option').first().getAttribute('value');
  await dialog.locator('select[name=preferredCarers]').selectOption([preferred]);
  await shotOf(dialog, '16-service-user-form');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await banner.getByText(`Saved ${personName}.`).waitFor({ timeout: 20000 });
  await idle();
  await page.locator('#service-users-table tbody tr', { hasText: personName }).waitFor();
  step('service users: Edit shows the current carer lists, and saving keeps them');
  await page.locator('#service-users-table tbody tr', { hasText: personName }).getByRole('button', { name: /^Edit/ }).click();
  await dialog.locator('select[name=preferredCarers]').waitFor();
  assert.deepEqual(await dialog.locator('select[name=preferredCarers]').evaluate((s) => [...s.selectedOptions].map((o) => o.value)), [preferred], 'the preferred carer is pre-selected');
  assert.deepEqual(await dialog.locator('select[name=bannedCarers]').evaluate((s) => [...s.selectedOptions].map((o) => o.value)), [], 'no banned carer');
  await dialog.locator('input[name=postcode]').fill('NR2 2AA');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await banner.getByText(`Saved ${personName}.`).waitFor({ timeout: 20000 });
  await idle();
  const personId = await page.locator('#service-users-table tbody tr', { hasText: personName }).getAttribute('data-service-user-id');
  const kept = await page.evaluate(async (id) => {
    const token = sessionStorage.getItem('carerota.token');
    const r = await fetch('/graphql', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: 'query($id: UUID!) { serviceUser(id: $id) { preferredCarers { id } } }', variables: { id } }) });
    return (await r.json()).data.serviceUser.preferredCarers.map((c) => c.id);
  }, personId);
  assert.deepEqual(kept, [preferred], 'saving an edit keeps the preferred carer');

  step('care packages: a recurring visit template expanded into dated visits');
  await page.getByRole('tab', { name: 'Care packages' }).click();
  await page.getByRole('button', { name: 'New care package' }).click();
  await dialog.locator('select[name=serviceUser]').selectOption({ label: personName });
  await dialog.locator('input[name="t0.to"]').fill('06:00');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.locator('#form-error').waitFor({ timeout: 20000 });
  step('refused: ' + (await dialog.locator('#form-error').textContent()));
  assert.match(await dialog.locator('#form-error').textContent(), /windowEnd/);
  assert.equal(await dialog.locator('input[name="t0.to"]').inputValue(), '06:00', 'the template typed is kept');
  await dialog.locator('input[name="t0.to"]').fill('09:00');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await page.locator('#care-package-created').waitFor({ timeout: 20000 });
  assert.match(await page.locator('#care-package-created').textContent(), /[1-9]\d* visits created/);
  await idle();
  await shot('17-care-package');

  step('care packages: listed with their templates; Edit pre-fills them, changes the days and re-makes the future visits; End');
  const packageRow = page.locator('#care-packages-table tbody tr', { hasText: personName });
  await packageRow.waitFor();
  assert.match(await packageRow.locator('ul.templates').textContent(), /every day/);
  await packageRow.getByRole('button', { name: /^Edit the care package/ }).click();
  await dialog.locator('input[name="t0.id"]').waitFor({ state: 'attached' });
  assert.ok(await dialog.locator('input[name="t0.on"]').isChecked(), 'the template is shown ticked');
  assert.equal(await dialog.locator('input[name="t0.from"]').inputValue(), '07:00', 'its window is pre-filled');
  for (const day of ['6', '7']) await dialog.locator(`input[name="t0.days"][value="${day}"]`).uncheck();
  await dialog.locator('input[name="t0.minutes"]').fill('50');
  const packageSkill = await dialog.locator('select[name="t0.skills"] option').first().getAttribute('value');
  await dialog.locator('select[name="t0.skills"]').selectOption([packageSkill]);
  await shotOf(dialog, '17b-care-package-edit');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await page.locator('#care-package-updated').waitFor({ timeout: 20000 });
  await idle();
  step('edited: ' + (await page.locator('#care-package-updated').textContent()));
  assert.match(await page.locator('#care-package-updated').textContent(), /\d+ re-timed, \d+ added, \d+ taken away, \d+ kept/);
  const edited = page.locator('#care-packages-table tbody tr', { hasText: personName });
  assert.match(await edited.locator('ul.templates').textContent(), /Mon Tue Wed Thu Fri, 07:00–09:00, 50 min/);
  await edited.getByRole('button', { name: /^End the care package/ }).click();
  await dialog.getByRole('button', { name: 'End package' }).click();
  await banner.getByText(/ended: \d+ future visits taken away/).waitFor({ timeout: 20000 });
  await idle();
  assert.equal(await page.locator('#care-packages-table tbody tr', { hasText: personName }).count(), 0, 'an ended package leaves the list');

  step('CSV import of carers: the row-by-row error report, then a good file');
  await page.getByRole('tab', { name: 'CSV import' }).click();
  await page.locator('#csv-kind').selectOption('carers');
  const poolName = await page.evaluate(async () => {
    const token = sessionStorage.getItem('carerota.token');
    const who = JSON.parse(sessionStorage.getItem('carerota.session'));
    const r = await fetch('/graphql', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ pools { name organisation { id } } }' }) });
    return (await r.json()).data.pools.find((p) => p.organisation.id === who.organisation_id).name;
  });
  const header = 'name,pool,home_lat,home_lon,skills';
  await page.locator('#csv-file').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv',
    buffer: Buffer.from(`${header}\nCsv Good,${poolName},52.6,1.3,\nCsv Bad,No Such Pool,95,1.3,\n`) });
  await page.getByRole('button', { name: 'Import' }).click();
  await page.locator('#csv-errors tbody tr').first().waitFor({ timeout: 20000 });
  await idle();
  assert.match(await page.locator('#csv-result').textContent(), /refused: 0 of 2/);
  const csvErrors = await page.locator('#csv-errors tbody tr').allTextContents();
  step('CSV errors: ' + csvErrors.join(' | '));
  assert.ok(csvErrors.some((r) => r.startsWith('2')), 'the bad row is named');
  await shot('18-csv-errors');
  await shotOf(page.locator('#reference'), '18b-csv-errors-panel');
  await page.locator('#csv-file').setInputFiles({ name: 'good.csv', mimeType: 'text/csv',
    buffer: Buffer.from(`${header}\nCsv Carer ${Date.now()},${poolName},52.6,1.3,\n`) });
  await page.getByRole('button', { name: 'Import' }).click();
  await page.locator('#csv-result', { hasText: 'finished: 1 of 1' }).waitFor({ timeout: 20000 });

  step('contrast of the text on the page (WCAG AA: 4.5:1, 3:1 for large text)');
  const lowContrast = await page.evaluate(() => {
    const rgb = (c) => (c.match(/[\d.]+/g) || []).map(Number);
    const lum = ([r, g, b]) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }; return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
    const background = (el) => {
      for (let e = el; e; e = e.parentElement) {
        const c = rgb(getComputedStyle(e).backgroundColor);
        if (c.length >= 3 && (c.length < 4 || c[3] > 0.5)) return c;
      }
      return [255, 255, 255];
    };
    const bad = [];
    let checked = 0;
    for (const el of document.querySelectorAll('button, label, .hint, .legend, .totals, .block, .badge, th, td, #banner, .note, h3, h4, .tick, code, .reasons')) {
      if (!el.offsetParent || !el.textContent.trim()) continue;
      checked++;
      const style = getComputedStyle(el);
      const fg = rgb(style.color); const bg = background(el);
      const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
      const ratio = (a + 0.05) / (b + 0.05);
      const large = parseFloat(style.fontSize) >= 24 || (parseFloat(style.fontSize) >= 18.66 && Number(style.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) bad.push(`${el.tagName}.${el.className} "${el.textContent.trim().slice(0, 30)}" ${ratio.toFixed(2)}`);
    }
    return { bad, checked };
  });
  step(`contrast checked on ${lowContrast.checked} elements`);
  assert.ok(lowContrast.checked > 100, 'the contrast check saw the page');
  assert.deepEqual(lowContrast.bad, [], 'text contrast below WCAG AA');

  step('tablet width (820 × 1180): no sideways page scroll, the board scrolls in its box');
  const tablet = await browser.newContext({ viewport: { width: 820, height: 1180 }, locale: 'en-GB', timezoneId: 'Europe/London', hasTouch: true, isMobile: false });
  const tab = await tablet.newPage();
  await tab.goto(BASE + `/#area=${area}&date=${DATE}`);
  await tab.getByLabel('User name').fill(USER);
  await tab.getByRole('button', { name: 'Sign in' }).click();
  await tab.locator('#board .row').first().waitFor({ timeout: 20000 });
  await tab.locator('body[data-busy="false"]').waitFor({ timeout: 30000 });
  const overflow = await tab.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `the page scrolls sideways by ${overflow}px at tablet width`);
  await shot('19-tablet-board', tab);
  await tab.getByRole('tab', { name: 'Carers' }).click();
  await tab.locator('#carers-table tbody tr').first().waitFor({ timeout: 20000 });
  await tab.locator('body[data-busy="false"]').waitFor({ timeout: 30000 });
  assert.ok(await tab.evaluate(() => document.documentElement.scrollWidth - window.innerWidth) <= 1, 'the carers table scrolls in its box');
  await tab.locator('#carers-table tbody tr').first().scrollIntoViewIfNeeded();
  await shot('20-tablet-carers', tab);
  await tablet.close();

  assert.deepEqual(errors, [], 'no script errors on the page');
  step('done');
} catch (error) {
  if (page) {
    console.error('[board] banner at failure: ' + await page.locator('#banner').textContent().catch(() => '?'));
    await page.screenshot({ path: `${ARTIFACTS}/board-failure.png`, fullPage: true }).catch(() => {});
  }
  console.error(error);
  process.exitCode = 1;
} finally {
  await browser.close();
}
