// Local storage of the carer app (IndexedDB): settings ("kv"), the schedule ("visits", keyed by
// visitId) and every event the carer recorded ("events", keyed by the event's UUID; state
// "queued" until the server accepted it, then "sent", or "rejected"). The outbox is never
// cleared by a schedule reset or sign-out.

const DB_NAME = 'carerota';
const DB_VERSION = 1;
let opened;

function open() {
  if (!opened) {
    opened = new Promise((resolve, reject) => {
      const request = indexedDB.open(DB_NAME, DB_VERSION);
      request.onupgradeneeded = () => {
        const db = request.result;
        if (!db.objectStoreNames.contains('kv')) db.createObjectStore('kv');
        if (!db.objectStoreNames.contains('visits')) db.createObjectStore('visits', { keyPath: 'visitId' });
        if (!db.objectStoreNames.contains('events')) db.createObjectStore('events', { keyPath: 'id' });
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }
  return opened;
}

function done(tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error || new Error('aborted'));
  });
}

function result(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

export async function get(key) {
  const db = await open();
  return result(db.transaction('kv').objectStore('kv').get(key));
}

export async function set(key, value) {
  const db = await open();
  const tx = db.transaction('kv', 'readwrite');
  if (value === undefined || value === null) tx.objectStore('kv').delete(key);
  else tx.objectStore('kv').put(value, key);
  return done(tx);
}

export async function visits() {
  const db = await open();
  return result(db.transaction('visits').objectStore('visits').getAll());
}

/** Applies one pull page in one transaction: replace (snapshot), upsert, delete, checkpoint. */
export async function applyPull(page, replace) {
  const db = await open();
  const tx = db.transaction(['visits', 'kv'], 'readwrite');
  const store = tx.objectStore('visits');
  if (replace) store.clear();
  const changes = page.changes || {};
  const v = changes.visits || {};
  for (const visit of [...(v.created || []), ...(v.updated || [])]) store.put(visit);
  for (const id of v.deleted || []) store.delete(id);
  const notes = changes.accessNotes;
  if (notes && notes.validOn) {
    const withdrawn = new Set(notes.deleted || []);
    const byServiceUser = {};
    for (const note of notes.updated || []) {
      if (!withdrawn.has(note.serviceUserId)) byServiceUser[note.serviceUserId] = note.text;
    }
    tx.objectStore('kv').put({ validOn: notes.validOn, notes: byServiceUser }, 'accessNotes');
  }
  tx.objectStore('kv').put(page.checkpoint, 'checkpoint');
  return done(tx);
}

export async function clearSchedule() {
  const db = await open();
  const tx = db.transaction(['visits', 'kv'], 'readwrite');
  tx.objectStore('visits').clear();
  tx.objectStore('kv').delete('checkpoint');
  tx.objectStore('kv').delete('accessNotes');
  return done(tx);
}

export async function events() {
  const db = await open();
  const all = await result(db.transaction('events').objectStore('events').getAll());
  return all.sort((a, b) => a.seq - b.seq);
}

export async function addEvent(event) {
  const db = await open();
  const tx = db.transaction('events', 'readwrite');
  tx.objectStore('events').put(event);
  return done(tx);
}

export async function updateEvents(list) {
  const db = await open();
  const tx = db.transaction('events', 'readwrite');
  for (const event of list) tx.objectStore('events').put(event);
  return done(tx);
}
