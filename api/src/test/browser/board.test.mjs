// The coordinator's rota board in a real browser (Debian's chromium driven by playwright-core),
// used as a coordinator would: sign in, pick the demo area and day, generate a rota and watch the
// progress, review the draft, drag a visit onto another carer and see the constraints it breaks
// (then cancel: nothing changes), publish and see the read receipts, report an absence and see
// the diff. Run by CoordinatorBoardBrowserIntegrationTests with:
//   BASE_URL  the running application   ARTIFACTS where screenshots go
//   CHROMIUM  the browser               COORDINATOR the demo user   AREA_NAME / DATE the demo area-day
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

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
let page;
try {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/London' });
  page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') console.log('[page error]', m.text()); });
  const shot = (name) => page.screenshot({ path: `${ARTIFACTS}/board-${name}.png`, fullPage: true });

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
  await page.locator('#area').waitFor({ timeout: 15000 });
  await page.waitForFunction(() => document.querySelectorAll('#area option').length > 0);
  const area = await page.locator('#area option', { hasText: AREA_NAME }).first().getAttribute('value');
  await page.locator('#area').selectOption(area);
  await page.locator('#date').fill(DATE);
  await page.getByRole('button', { name: 'Show' }).click();
  await shot('01-before-generation');

  step('generate a rota and watch the progress');
  await page.locator('#seconds').fill('4');
  await page.getByRole('button', { name: 'Generate rota' }).click();
  await page.locator('#progress-text').getByText(/best score|running|queued/).waitFor({ timeout: 20000 });
  await shot('02-generating');
  await page.locator('#progress-text', { hasText: /completed\.|cancelled\./ }).waitFor({ timeout: 90000 });
  await page.locator('#plan-status', { hasText: 'draft' }).waitFor({ timeout: 10000 });
  await page.locator('#diff-title, #review p').first().waitFor({ timeout: 20000 });
  await page.locator('.block').first().waitFor({ timeout: 10000 });
  const blocks = await page.locator('.block').count();
  assert.ok(blocks > 0, 'the draft shows visits on the board');
  await shot('03-draft');

  step('drag a visit onto another carer: the broken constraints are shown, cancel changes nothing');
  const rows = page.locator('.row');
  assert.ok(await rows.count() >= 2, 'at least two carers on the board');
  const scoreBefore = await page.locator('#plan-score').textContent();
  // a time-critical or any visit from the first row onto the last row's carer
  // a visit onto a carer who is busy at that very time: the move must break constraints
  const pair = await page.evaluate(() => {
    const rowsEl = [...document.querySelectorAll('.row')];
    for (const [i, from] of rowsEl.entries()) for (const b of from.querySelectorAll('.block')) {
      const x = b.getBoundingClientRect();
      for (const [j, to] of rowsEl.entries()) {
        if (j === i) continue;
        const clash = [...to.querySelectorAll('.block')].some((o) => { const y = o.getBoundingClientRect(); return y.left < x.right && x.left < y.right; });
        if (clash) return { i, j, visitId: b.dataset.visitId };
      }
    }
    return { i: 0, j: rowsEl.length - 1, visitId: rowsEl[0].querySelector('.block').dataset.visitId };
  });
  const source = page.locator(`.row:nth-child(n) .block[data-visit-id="${pair.visitId}"]`).first();
  const visitId = pair.visitId;
  const sourceRow = rows.nth(pair.i);
  const target = rows.nth(pair.j);
  // prefer a target that already works at that time (a clash breaks constraints)
  const dialog = page.locator('#dialog');
  const banner = page.locator('#banner');
  const answered = () => Promise.race([
    dialog.locator('#broken-constraints').waitFor({ timeout: 20000 }),
    banner.getByText(/Moved/).waitFor({ timeout: 20000 }),
  ]);
  let tries = 0;
  for (;;) {
    tries++;
    await source.scrollIntoViewIfNeeded();
    await source.dragTo(target.locator('.who-cell'));
    try { await answered(); break; } catch (e) {
      if (tries >= 3) throw new Error(`no answer to the drag after ${tries} tries; banner: ${await banner.textContent()}; ${e.message}`);
      step(`the drop was not registered (try ${tries}): dragging again`);
    }
  }
  if (await dialog.isVisible()) {
    const broken = await dialog.locator('#broken-constraints li').allTextContents();
    step('broken constraints: ' + broken.join(' | '));
    assert.ok(broken.length > 0, 'the broken constraints are listed');
    await shot('04-drag-broken-constraints');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await banner.getByText('Nothing changed.').waitFor();
    assert.equal(await page.locator('#plan-score').textContent(), scoreBefore, 'cancel leaves the plan as it was');
    assert.ok(await sourceRow.locator(`.block[data-visit-id="${visitId}"]`).count() >= 1, 'the visit is still with its carer');
  } else {
    step('the move broke no constraint and was applied');
    await shot('04-drag-applied');
  }

  step('publish the draft and see the read receipts');
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await banner.getByText(/Published revision/).waitFor({ timeout: 20000 });
  await page.locator('#plan-status', { hasText: 'published' }).waitFor({ timeout: 10000 });
  await page.locator('#receipts-title').waitFor({ timeout: 10000 });
  const receipts = await page.locator('#receipts').textContent();
  assert.match(receipts, /Not yet received/);
  await shot('05-published-receipts');

  step('report a carer absent: re-planned, and the diff is shown');
  const absentCarer = await rows.first().getAttribute('data-carer-name');
  await page.getByRole('button', { name: 'Same-day change…' }).click();
  await dialog.locator('#same-day-kind').selectOption('absence');
  await dialog.locator('select[name=carer]').selectOption({ label: absentCarer });
  await dialog.locator('input[name=seconds]').fill('3');
  await dialog.getByRole('button', { name: 'Record and re-plan' }).click();
  await page.locator('#diff-title').waitFor({ timeout: 60000 });
  const diff = await page.locator('#review').textContent();
  step('diff: ' + diff.replace(/\s+/g, ' ').slice(0, 300));
  assert.match(diff, /Same-day re-plan/);
  assert.match(diff, /moved|removed|retimed|added/);
  assert.ok(diff.includes(absentCarer) || /unassigned/.test(diff), 'the diff names the absent carer\'s visits');
  await shot('06-absence-diff');

  step('the map of a carer\'s day is drawn without tiles');
  await rows.first().getByRole('button', { name: /^Map of/ }).click();
  await page.locator('#map svg circle').first().waitFor();
  await shot('07-map');

  assert.deepEqual(errors, [], 'no script errors on the page');
  step('done');
} catch (error) {
  if (page) await page.screenshot({ path: `${ARTIFACTS}/board-failure.png`, fullPage: true }).catch(() => {});
  console.error(error);
  process.exitCode = 1;
} finally {
  await browser.close();
}
