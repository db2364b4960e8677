// A carer's day on a map drawn in SVG from latitude and longitude: the stops in order and the
// route lines between them, in the Web Mercator projection of slippy-map tiles. With a tile server
// configured (carerota.map.tile-url, served by GET /auth/config as map.tileUrl) its tiles are drawn
// underneath, with the attribution; without one, or when the tiles cannot be loaded (offline, the
// server down), the stops and routes are drawn just the same on a plain background.
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

const TILE = 256;
const EARTH_KM = 40075.016686; // equator

/** Web Mercator: world pixel coordinates of a point at zoom level 0 (a 256 × 256 world). */
export function project(lat, lon) {
  const clamped = Math.max(-85.05112878, Math.min(85.05112878, lat));
  const s = Math.sin((clamped * Math.PI) / 180);
  return [((lon + 180) / 360) * TILE, (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * TILE];
}

/** The highest whole zoom level (at most maxZoom) at which the points fit in width × height. */
export function fitZoom(points, width, height, maxZoom = 18) {
  const xs = points.map((p) => p[0]); const ys = points.map((p) => p[1]);
  const spanX = Math.max(...xs) - Math.min(...xs); const spanY = Math.max(...ys) - Math.min(...ys);
  if (spanX === 0 && spanY === 0) return Math.min(maxZoom, 15);
  const z = Math.floor(Math.log2(Math.min(width / Math.max(spanX, 1e-9), height / Math.max(spanY, 1e-9))));
  return Math.max(0, Math.min(maxZoom, z));
}

function tileUrl(template, z, x, y) {
  return template.replace('{z}', z).replace('{x}', x).replace('{y}', y).replace('{s}', 'abc'[(x + y) % 3]);
}

export function drawMap(container, stops, tiles = {}) {
  if (!stops.length) { container.innerHTML = '<p class="hint">No visits on this day.</p>'; return; }
  const width = 720; const height = 480; const pad = 40;
  const world = stops.map((p) => project(p.lat, p.lon));
  const z = fitZoom(world, width - 2 * pad, height - 2 * pad, tiles.maxZoom ?? 18);
  const k = 2 ** z;
  const xs = world.map((p) => p[0] * k); const ys = world.map((p) => p[1] * k);
  const cx = (Math.min(...xs) + Math.max(...xs)) / 2; const cy = (Math.min(...ys) + Math.max(...ys)) / 2;
  const left = cx - width / 2; const top = cy - height / 2;
  const points = xs.map((x, i) => [x - left, ys[i] - top]);
  const meanLat = stops.reduce((s, p) => s + p.lat, 0) / stops.length;
  const kmPerPx = (EARTH_KM * Math.cos((meanLat * Math.PI) / 180)) / (TILE * k);
  const niceKm = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500].find((km) => km / kmPerPx >= width / 8) ?? 1000;
  const barPx = niceKm / kmPerPx;
  let tileLayer = '';
  const withTiles = !!tiles.tileUrl;
  if (withTiles) {
    const images = [];
    for (let ty = Math.floor(top / TILE); ty <= Math.floor((top + height) / TILE); ty++) {
      if (ty < 0 || ty >= k) continue;
      for (let tx = Math.floor(left / TILE); tx <= Math.floor((left + width) / TILE); tx++) {
        const wrapped = ((tx % k) + k) % k;
        images.push(`<image class="tile" data-tile="${z}/${wrapped}/${ty}" href="${esc(tileUrl(tiles.tileUrl, z, wrapped, ty))}" x="${(tx * TILE - left).toFixed(1)}" y="${(ty * TILE - top).toFixed(1)}" width="${TILE}" height="${TILE}" onload="this.dataset.loaded='true'" onerror="this.remove()"/>`);
      }
    }
    tileLayer = `<g class="tiles" aria-hidden="true">${images.join('')}</g>`;
  }
  const line = points.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
  const attribution = withTiles && tiles.attribution
    ? `<text class="attribution" x="${width - 6}" y="${height - 6}" text-anchor="end" font-size="11" fill="#1b1f24" paint-order="stroke" stroke="#fff" stroke-width="3">${esc(tiles.attribution)}</text>` : '';
  container.innerHTML = `<svg viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="map-desc" data-zoom="${z}" style="background:#f4f6f8">
    <desc id="map-desc">${stops.length} stops in visiting order: ${stops.map((s) => esc(s.label)).join('; ')}</desc>
    ${tileLayer}
    <polyline class="route" points="${line}" fill="none" stroke="#0b5cad" stroke-width="3" stroke-linejoin="round" marker-mid="url(#arrow)"/>
    ${points.map(([x, y], i) => `<g class="stop" data-lat="${stops[i].lat}" data-lon="${stops[i].lon}"><circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="11" fill="${i === 0 ? '#1f6f43' : '#0d2538'}"/>
      <text x="${x.toFixed(1)}" y="${(y + 4).toFixed(1)}" text-anchor="middle" font-size="11" fill="#fff">${i + 1}</text>
      <text x="${(x + 14).toFixed(1)}" y="${(y - 8).toFixed(1)}" font-size="12" fill="#1b1f24" paint-order="stroke" stroke="#fff" stroke-width="3">${esc(stops[i].label)}</text></g>`).join('')}
    <line x1="${pad}" y1="${height - 12}" x2="${(pad + barPx).toFixed(1)}" y2="${height - 12}" stroke="#1b1f24" stroke-width="3"/>
    <text x="${pad}" y="${height - 18}" font-size="11">${niceKm} km</text>
    ${attribution}
  </svg><p class="legend">Stops numbered in visiting order; straight lines between them (roads not drawn)${withTiles ? `; map tiles: ${esc(tiles.attribution || 'the configured tile server')}` : '; no map tiles configured, none needed'}.</p>`;
}
