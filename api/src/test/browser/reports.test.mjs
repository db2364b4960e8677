// The capacity report page in a real browser (Debian's chromium driven by playwright-core), used
// as a commissioner would: sign in on the start page (a commissioner is sent to /reports/ with the
// token), pick an area, ask for a report, see the table with real figures, small numbers
// suppressed as [c], the three SVG charts drawn with bars, then a bad period answered as a
// problem, not as an empty report. Run by ReportPageBrowserIntegrationTests with:
//   BASE_URL  the running application   ARTIFACTS where screenshots go
//   CHROMIUM  the browser               COMMISSIONER the demo user
//   AREA_NAME the area to report on     FROM / TO the period (the demo region's days)
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import assert from 'node:assert/strict';

const BASE = process.env.BASE_URL;
const ARTIFACTS = process.env.ARTIFACTS || 'target/browser-artifacts';
const USER = process.env.COMMISSIONER || 'commissioner.norfolk';
const AREA_NAME = process.env.AREA_NAME || 'Norwich';
const FROM = process.env.FROM;
const TO = process.env.TO;
assert.ok(BASE, 'BASE_URL is required');
assert.ok(FROM && TO, 'FROM and TO are required');
mkdirSync(ARTIFACTS, { recursive: true });

const step = (text) => console.log(`[reports] ${new Date().toISOString()} ${text}`);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
let page;
try {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-GB', timezoneId: 'Europe/London' });
  page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') console.log('[page error]', m.text()); });
  const shot = (name) => page.screenshot({ path: `${ARTIFACTS}/reports-${name}.png`, fullPage: true });

  step('sign in as ' + USER + ': the start page sends a commissioner to the reports');
  try {
    await page.goto(BASE + '/', { timeout: 20000, waitUntil: 'domcontentloaded' });
  } catch (e) {
    // seen twice in about ten runs, only when this scenario follows the board's in one JVM: the
    // first navigation of a fresh browser to a freshly started application never reached "load".
    // Said loudly and tried once more; the cause is not known yet (api README, "Known limits").
    console.log('[reports] FIRST NAVIGATION STALLED (' + e.message.split('\n')[0] + '): navigating again');
    await page.goto(BASE + '/', { timeout: 30000, waitUntil: 'domcontentloaded' });
  }
  await page.getByLabel('User name').fill(USER);
  const signInStarted = Date.now();
  const tokenAnswer = page.waitForResponse((r) => r.url().endsWith('/demo/token'), { timeout: 45000 });
  await page.getByRole('button', { name: 'Sign in' }).click();
  // as the board's scenario does: wait for the navigation to commit, then for the form itself
  // (not for "load", which waits for every chart and icon). Once in ~5 CI runs the server left a
  // request unread for 15-30 s (api README, "Testing": the unexplained stall, also seen by the sync
  // tests); the wait is long enough to get past it and says so loudly when it happens.
  const answered = await tokenAnswer;
  const tokenSeconds = (Date.now() - signInStarted) / 1000;
  if (tokenSeconds > 5) console.log(`[reports] SLOW SIGN-IN: /demo/token answered ${answered.status()} after ${tokenSeconds.toFixed(1)} s`);
  await page.waitForURL(/\/reports\//, { timeout: 30000, waitUntil: 'commit' });
  await page.locator('#report-form').waitFor({ timeout: 10000 });
  await page.waitForFunction(() => (document.querySelector('#token')?.value || '').length > 20, null, { timeout: 15000 });
  const token = await page.locator('#token').inputValue();
  assert.ok(token.length > 20, 'the sign-in token is carried to the report page');

  step('the area list is filled from the API, by name: ' + AREA_NAME + ' is in it');
  await page.locator('#area option', { hasText: AREA_NAME }).waitFor({ state: 'attached', timeout: 15000 });
  const names = await page.locator('#area option').allTextContents();
  assert.deepEqual(names.slice(1), [...names.slice(1)].sort((a, b) => a.localeCompare(b, 'en-GB')), 'areas listed by name');

  step(`report on ${AREA_NAME} from ${FROM} to ${TO} by area, day, sector and pool`);
  await page.locator('#area').selectOption({ label: AREA_NAME });
  await page.locator('#from').fill(FROM);
  await page.locator('#to').fill(TO);
  for (const box of await page.locator('#group-by input[type=checkbox]').all()) {
    const value = await box.getAttribute('value');
    await box.setChecked(['AREA', 'DAY', 'SECTOR', 'POOL'].includes(value));
  }
  // the demo publishes the first day's rota in the background within a minute of start-up; its
  // unmet need and rostered carers are what brings small numbers, so ask again until it is there
  const suppressed = page.locator('#report-table td.suppressed');
  const deadline = Date.now() + 100000;
  for (;;) {
    await page.locator('#run').click();
    await page.locator('#status', { hasText: /group\(s\)/ }).waitFor({ timeout: 60000 });
    await page.locator('#results').waitFor({ state: 'visible', timeout: 10000 });
    await page.locator('#charts').waitFor({ state: 'visible', timeout: 10000 });
    assert.equal(await page.locator('#problem').isHidden(), true, 'no problem shown');
    if (await suppressed.count() > 0 || Date.now() > deadline) break;
    step('no small number yet (the demo rota is not published yet): asking again in 5 s');
    await page.locator('#status').evaluate((el) => { el.textContent = ''; });
    await page.waitForTimeout(5000);
  }

  step('the table: one row per group, real figures, small numbers suppressed');
  const rows = await page.locator('#report-table tbody tr[id^="group-"]').count();
  assert.ok(rows > 1, `several groups (${rows})`);
  const commissioned = await page.locator('#report-table td[data-column="Commissioned h"]').allTextContents();
  const hours = commissioned.filter((t) => /^\d+(\.\d+)?$/.test(t)).map(Number);
  assert.ok(hours.some((h) => h > 0), `commissioned hours are real numbers: ${commissioned.slice(0, 5)}`);
  assert.match(await page.locator('#disclosure').textContent(), /Disclosure-controlled: counts below \d+ are shown as \[c\]/);
  const count = await suppressed.count();
  assert.ok(count > 0, 'some small numbers are suppressed for a commissioner');
  for (const text of await suppressed.allTextContents()) assert.equal(text, '[c]');
  const counts = await page.locator('#report-table td[data-column="People with unmet need"], #report-table td[data-column="Carers rostered"]')
    .allTextContents();
  for (const text of counts.filter((t) => /^\d+$/.test(t))) {
    const n = Number(text);
    assert.ok(n === 0 || n % 5 === 0, `a shown count is 0 or rounded to 5 (${n})`);
  }
  await shot('01-table');

  step('the charts: three inline SVGs with titles and bars');
  const figures = page.locator('#charts figure');
  assert.equal(await figures.count(), 3);
  for (let i = 0; i < 3; i++) {
    const figure = figures.nth(i);
    const title = await figure.locator('svg #chart-title').textContent();
    assert.ok(title && title.length > 3, `chart ${i} has a title`);
    const box = await figure.locator('svg').boundingBox();
    assert.ok(box && box.width > 100 && box.height > 100, `chart ${i} is drawn (${JSON.stringify(box)})`);
  }
  const delivered = page.locator('#chart-delivered svg rect[id^="bar-"]');
  assert.ok(await delivered.count() > 0, 'delivered against commissioned has bars');
  const values = await delivered.evaluateAll((bars) => bars.map((b) => Number(b.getAttribute('data-value'))));
  assert.ok(values.some((v) => v > 0), `bars carry real values: ${values.slice(0, 6)}`);
  const heights = await delivered.evaluateAll((bars) => bars.map((b) => b.getBoundingClientRect().height));
  assert.ok(heights.some((h) => h > 1), 'the bars have height on screen');
  await page.locator('#charts').scrollIntoViewIfNeeded();
  await shot('02-charts');

  step('a period that ends before it starts is a problem, and the old figures go away');
  await page.locator('#from').fill(TO);
  await page.locator('#to').fill(FROM);
  if (FROM === TO) await page.locator('#to').fill('2000-01-01');
  await page.locator('#run').click();
  await page.locator('#problem').waitFor({ state: 'visible', timeout: 20000 });
  assert.match(await page.locator('#problem').textContent(), /before it starts/);
  assert.equal(await page.locator('#results').isHidden(), true, 'no report that looks real');
  await shot('03-problem');

  assert.deepEqual(errors, [], 'no script errors on the page');
  step('done');
} catch (error) {
  if (page) await page.screenshot({ path: `${ARTIFACTS}/reports-failure.png`, fullPage: true }).catch(() => {});
  console.error(error);
  process.exitCode = 1;
} finally {
  await browser.close();
}
