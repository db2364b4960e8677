// A carer's day on a map drawn in SVG from latitude and longitude: the stops in order and the
// route lines between them. No tile server is needed (offline works); an equirectangular
// projection scaled by cos(latitude) is accurate enough at the size of a town.
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

export function drawMap(container, stops) {
  if (!stops.length) { container.innerHTML = '<p class="hint">No visits on this day.</p>'; return; }
  const width = 720; const height = 480; const pad = 40;
  const meanLat = stops.reduce((s, p) => s + p.lat, 0) / stops.length;
  const kx = Math.cos((meanLat * Math.PI) / 180);
  const xs = stops.map((p) => p.lon * kx); const ys = stops.map((p) => p.lat);
  const minX = Math.min(...xs); const maxX = Math.max(...xs); const minY = Math.min(...ys); const maxY = Math.max(...ys);
  const scale = Math.min((width - 2 * pad) / Math.max(maxX - minX, 1e-4), (height - 2 * pad) / Math.max(maxY - minY, 1e-4));
  const px = (p) => [pad + (p.lon * kx - minX) * scale, height - pad - (p.lat - minY) * scale];
  const points = stops.map(px);
  const km = (Math.PI / 180) * 6371; // km per degree
  const barKm = Math.max(0.5, Math.round(((width / 4) / scale) * km));
  const barPx = (barKm / km) * scale;
  const line = points.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
  container.innerHTML = `<svg viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="map-desc">
    <desc id="map-desc">${stops.length} stops in visiting order: ${stops.map((s) => esc(s.label)).join('; ')}</desc>
    <polyline points="${line}" fill="none" stroke="#0b5cad" stroke-width="3" stroke-linejoin="round" marker-mid="url(#arrow)"/>
    ${points.map(([x, y], i) => `<g><circle cx="${x}" cy="${y}" r="11" fill="${i === 0 ? '#1f6f43' : '#0d2538'}"/>
      <text x="${x}" y="${y + 4}" text-anchor="middle" font-size="11" fill="#fff">${i + 1}</text>
      <text x="${x + 14}" y="${y - 8}" font-size="12" fill="#1b1f24">${esc(stops[i].label)}</text></g>`).join('')}
    <line x1="${pad}" y1="${height - 12}" x2="${pad + barPx}" y2="${height - 12}" stroke="#1b1f24" stroke-width="3"/>
    <text x="${pad}" y="${height - 18}" font-size="11">${barKm} km</text>
  </svg><p class="legend">Stops numbered in visiting order; straight lines (roads not drawn, no map tiles needed).</p>`;
}
