// CareRota carer app: caches the app shell so the app opens with no signal. Data (schedule,
// outbox) lives in IndexedDB; API calls (/sync/*, /demo/*) always go to the network.
const CACHE = 'carerota-app-v1';
const SHELL = [
  '/app/', '/app/index.html', '/app/app.css', '/app/manifest.webmanifest', '/app/icon.svg',
  '/app/js/main.js', '/app/js/store.js', '/app/js/sync.js', '/app/js/view.js',
];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.pathname.startsWith('/app')) return;
  const key = request.mode === 'navigate' ? '/app/' : url.pathname;
  // stale-while-revalidate: answer from the cache at once, refresh it when the network answers
  event.respondWith(caches.open(CACHE).then(async (cache) => {
    const cached = await cache.match(key);
    const network = fetch(request).then((response) => {
      if (response.ok && response.type === 'basic') cache.put(key, response.clone());
      return response;
    }).catch(() => undefined);
    if (cached) {
      event.waitUntil(network);
      return cached;
    }
    const response = await network;
    return response || new Response('Offline and not cached yet', { status: 503, headers: { 'Content-Type': 'text/plain' } });
  }));
});
