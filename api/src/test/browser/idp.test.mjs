// Sign-in through an OpenID Connect provider in a real browser (Debian's chromium driven by
// playwright-core), outside the demo profile, against the stub provider of the api's tests:
// authorization code with PKCE from the page, each role sent where it belongs, the map's tiles,
// an expired token (refreshed; then, with no refresh token, back through the provider to the same
// page), sign-out at the provider, and an account with no CareRota role. Run by
// SignInBrowserIntegrationTests with:
//   BASE_URL the application   IDP the provider's issuer   TILES the tile stub's base (…/tiles/)
//   AREA_ID  the area of the carer's published day   DATE today   CARER_VISITS visits published to the carer
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import assert from 'node:assert/strict';

const BASE = process.env.BASE_URL;
const IDP = process.env.IDP;
const TILES = process.env.TILES;
const AREA_ID = process.env.AREA_ID;
const DATE = process.env.DATE;
const CARER_VISITS = Number(process.env.CARER_VISITS);
const ARTIFACTS = process.env.ARTIFACTS || 'target/browser-artifacts';
assert.ok(BASE && IDP && TILES && AREA_ID && DATE, 'BASE_URL, IDP, TILES, AREA_ID and DATE are required');
mkdirSync(ARTIFACTS, { recursive: true });

const step = (text) => console.log(`[idp] ${new Date().toISOString()} ${text}`);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});

async function newPage(name) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/London' });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log(`[${name} page error]`, String(e)));
  page.on('console', (m) => { if (m.type() === 'error') console.log(`[${name} console]`, m.text()); });
  return page;
}

/** On the stub provider's page: pick the user and continue. */
async function pickUser(page, user) {
  await page.waitForURL((url) => url.href.startsWith(IDP), { timeout: 15000, waitUntil: 'commit' });
  await page.getByLabel('User').selectOption(user);
  await page.getByRole('button', { name: 'Continue' }).click();
}

const settled = (page) => page.waitForFunction(() => document.body.dataset.busy === 'false', null, { timeout: 30000 });
const stored = (page) => page.evaluate(() => JSON.parse(sessionStorage.getItem('carerota.session') || 'null'));

let page;
try {
  // ---- coordinator ---------------------------------------------------------------------------
  page = await newPage('coordinator');
  step('the start page offers the identity provider, not the demo users');
  await page.goto(`${BASE}/#area=${AREA_ID}&date=${DATE}`, { waitUntil: 'domcontentloaded' });
  await page.locator('#oidc-button').waitFor({ state: 'visible', timeout: 15000 });
  assert.equal(await page.locator('#sign-in-form').isVisible(), false, 'no demo user form outside the demo profile');

  step('sign in as a coordinator through the provider (PKCE): the board of the same area and day');
  await page.locator('#oidc-button').click();
  await pickUser(page, 'coordinator');
  await page.waitForURL(`${BASE}/#area=${AREA_ID}&date=${DATE}`, { timeout: 20000 });
  await page.locator('#board-view').waitFor({ state: 'visible', timeout: 20000 });
  await settled(page);
  assert.match(await page.locator('#who').textContent(), /coordinator · coordinator/);
  assert.equal(await page.locator('#area').inputValue(), AREA_ID);
  const first = await stored(page);
  assert.ok(first.refresh_token && first.id_token && first.access_token, 'the tab keeps the access, ID and refresh tokens');
  await page.screenshot({ path: `${ARTIFACTS}/idp-01-board.png`, fullPage: true });

  step('generate a draft (2 s of solving), then the map of a carer\'s day draws the tile server\'s tiles under the route');
  await page.locator('#seconds').fill('2');
  await page.locator('#generate').click();
  await page.locator('[data-map]').first().waitFor({ timeout: 90000 });
  await settled(page);
  // the carer with the most visits, so that there is a route between stops
  const busiest = await page.evaluate(() => [...document.querySelectorAll('[data-map]')]
    .map((b) => ({ id: b.dataset.map, n: b.closest('.row')?.querySelectorAll('.block').length ?? 0 }))
    .sort((a, b) => b.n - a.n)[0].id);
  const mapButton = page.locator(`[data-map="${busiest}"]`).first();
  await mapButton.click();
  await page.locator('#map svg polyline.route').waitFor({ state: 'attached', timeout: 10000 });
  await page.locator('#map svg image.tile').first().waitFor({ state: 'attached', timeout: 10000 });
  const map = await page.evaluate(() => ({
    zoom: Number(document.querySelector('#map svg').dataset.zoom),
    stops: [...document.querySelectorAll('#map svg g.stop')].map((g) => [Number(g.dataset.lat), Number(g.dataset.lon)]),
    attribution: document.querySelector('#map svg text.attribution')?.textContent,
  }));
  assert.ok(map.stops.length >= 2, `the stops are drawn (${map.stops.length})`);
  const routePoints = await page.locator('#map svg polyline.route').getAttribute('points');
  assert.equal(routePoints.trim().split(/\s+/).length, map.stops.length, 'the route joins every stop');
  assert.equal(map.attribution, 'Tiles: test stub');
  // each stop's tile at the map's zoom, computed here independently of map.js
  const tileOf = ([lat, lon], z) => {
    const n = 2 ** z; const r = (lat * Math.PI) / 180;
    return `${z}/${Math.floor(((lon + 180) / 360) * n)}/${Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n)}`;
  };
  // every tile answered (the stub records a request before it answers it)
  await page.waitForFunction(() => [...document.querySelectorAll('#map svg image.tile')].every((i) => i.dataset.loaded === 'true'), null, { timeout: 10000 });
  const requested = (await (await fetch(`${TILES}requested`)).text()).split('\n');
  for (const s of map.stops) assert.ok(requested.includes(tileOf(s, map.zoom)), `tile ${tileOf(s, map.zoom)} of stop ${s} requested (got ${requested.join(', ')})`);
  assert.ok(map.zoom >= 10, `a town-sized day is drawn close up (zoom ${map.zoom})`);
  await page.locator('#map-panel').screenshot({ path: `${ARTIFACTS}/idp-02-map-tiles.png` });

  step('an expired access token is refreshed with the refresh token, without leaving the page');
  await page.evaluate(() => {
    const s = JSON.parse(sessionStorage.getItem('carerota.session'));
    s.access_token = 'expired.' + s.access_token.split('.')[1] + '.x';
    sessionStorage.setItem('carerota.session', JSON.stringify(s));
  });
  await page.locator('#controls button[type=submit]').click();
  await page.waitForFunction((old) => JSON.parse(sessionStorage.getItem('carerota.session')).access_token !== old && !JSON.parse(sessionStorage.getItem('carerota.session')).access_token.startsWith('expired.'), null, { timeout: 15000 });
  await settled(page);
  assert.equal(await page.locator('#board-view').isVisible(), true, 'still on the board');

  step('expired with no refresh token: back through the provider to the same page');
  await page.evaluate(() => {
    const s = JSON.parse(sessionStorage.getItem('carerota.session'));
    s.access_token = 'expired.' + s.access_token.split('.')[1] + '.x';
    s.expires_at = Date.now() - 60000;
    delete s.refresh_token;
    sessionStorage.setItem('carerota.session', JSON.stringify(s));
  });
  const before = page.url();
  // the provider still knows who signed in (login_hint) and answers without a question
  const toProvider = page.waitForRequest((r) => r.url().startsWith(`${IDP}/protocol/openid-connect/auth?`) && r.url().includes('login_hint=coordinator'), { timeout: 15000 });
  const backThroughCallback = page.waitForRequest((r) => r.url().startsWith(`${BASE}/auth/callback.html?code=`), { timeout: 20000 });
  await page.locator('#controls button[type=submit]').click();
  await toProvider;
  await backThroughCallback;
  await page.waitForURL(before, { timeout: 20000 });
  await page.locator('#board-view').waitFor({ state: 'visible', timeout: 20000 });
  await settled(page);
  assert.ok((await stored(page)).access_token.split('.').length === 3, 'a new token');

  step('sign out: the provider\'s session ends and the start page offers sign-in again');
  await page.locator('#sign-out').click();
  await page.waitForURL(`${BASE}/`, { timeout: 15000 });
  await page.locator('#oidc-button').waitFor({ state: 'visible', timeout: 15000 });
  assert.equal(await stored(page), null, 'no tokens left in the tab');
  await page.context().close();

  // ---- commissioner --------------------------------------------------------------------------
  page = await newPage('commissioner');
  step('a commissioner signs in on the start page and is sent to the reports, token and all');
  await page.goto(`${BASE}/`, { waitUntil: 'domcontentloaded' });
  await page.locator('#oidc-button').click();
  await pickUser(page, 'commissioner');
  await page.waitForURL(/\/reports\//, { timeout: 20000, waitUntil: 'commit' });
  await page.locator('#signed-in').waitFor({ state: 'visible', timeout: 15000 });
  assert.equal(await page.locator('#token').isVisible(), false, 'no token to paste');
  await page.locator(`#area option[value="${AREA_ID}"]`).waitFor({ state: 'attached', timeout: 15000 });
  await page.locator('#area').selectOption(AREA_ID);
  await page.locator('#from').fill(DATE);
  await page.locator('#to').fill(DATE);
  await page.getByRole('button', { name: 'Show report' }).click();
  await page.locator('#report-table tbody tr').first().waitFor({ timeout: 30000 });
  assert.ok(await page.locator('#report-table tbody tr').count() >= 1, 'a report');
  await page.screenshot({ path: `${ARTIFACTS}/idp-03-reports.png`, fullPage: true });
  await page.context().close();

  // ---- carer ---------------------------------------------------------------------------------
  page = await newPage('carer');
  step('a carer signs in and is sent to the carer app with today\'s rota');
  await page.goto(`${BASE}/`, { waitUntil: 'domcontentloaded' });
  await page.locator('#oidc-button').click();
  await pickUser(page, 'carer');
  await page.waitForURL(`${BASE}/app/`, { timeout: 20000 });
  await page.waitForFunction((n) => document.querySelectorAll('#visits > li').length === n, CARER_VISITS, { timeout: 30000 });
  await page.screenshot({ path: `${ARTIFACTS}/idp-04-carer-app.png`, fullPage: true });

  step('offline with an expired token the carer still sees the cached rota; back online the app asks for a new sign-in');
  // the app shell must be cached before going offline: wait (bounded) for the service worker to control the page
  // (45 s: see carer-app.test.mjs on the service worker's occasionally slow install)
  await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller !== null, null, { timeout: 45000 });
  await page.evaluate(async () => {
    const store = await import('/app/js/store.js');
    const s = await store.get('session');
    await store.set('session', { ...s, token: `expired.${s.token.split('.')[1]}.x` });
  });
  await page.context().setOffline(true);
  await page.reload();
  await page.waitForFunction((n) => document.querySelectorAll('#visits > li').length === n, CARER_VISITS, { timeout: 20000 });
  await page.context().setOffline(false);
  await page.locator('#sign-in-error').filter({ hasText: 'Nothing you recorded is lost' }).waitFor({ timeout: 20000 });
  assert.equal(await page.locator('#user').isVisible(), false, 'no demo user name field outside the demo profile');

  step('the carer signs in again from the app, through the provider, and is back in the app with the rota');
  const backToProvider = page.waitForRequest((r) => r.url().startsWith(IDP) && r.isNavigationRequest(), { timeout: 20000 });
  const callback = page.waitForURL(/\/auth\/callback\.html/, { waitUntil: 'commit', timeout: 20000 });
  await page.getByRole('button', { name: 'Sign in with your organisation account' }).click();
  // the provider still holds the carer's session and the app sends their login_hint: no question asked
  await callback;
  await page.waitForURL(`${BASE}/app/`, { timeout: 20000 });
  assert.match((await backToProvider).url(), /login_hint=/, 'went through the provider with the carer as login_hint');
  await page.waitForFunction((n) => document.querySelectorAll('#visits > li').length === n, CARER_VISITS, { timeout: 30000 });
  assert.equal(await page.locator('#sign-in').isVisible(), false, 'signed in again');
  await page.context().close();

  // ---- no role -------------------------------------------------------------------------------
  page = await newPage('no-role');
  step('an account with no CareRota role is told so, not shown an empty board');
  await page.goto(`${BASE}/`, { waitUntil: 'domcontentloaded' });
  await page.locator('#oidc-button').click();
  await pickUser(page, 'no-role');
  await page.waitForURL(/\/auth\/callback\.html/, { timeout: 20000 });
  await page.locator('#callback-problem').waitFor({ state: 'visible', timeout: 15000 });
  assert.match(await page.locator('#callback-problem').textContent(), /no CareRota role; ask your administrator/);
  assert.equal(await page.locator('#callback-title').textContent(), 'No access to CareRota');
  await page.screenshot({ path: `${ARTIFACTS}/idp-05-no-role.png`, fullPage: true });
  await page.context().close();
  step('done');
} catch (error) {
  if (page && !page.isClosed()) await page.screenshot({ path: `${ARTIFACTS}/idp-failure.png`, fullPage: true }).catch(() => {});
  console.error(error);
  process.exitCode = 1;
} finally {
  await browser.close();
}
