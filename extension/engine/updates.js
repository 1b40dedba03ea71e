// Live lexicon updates, the engine document's half. This document lives while the
// service worker is stopped, so it holds the push stream (GET /v1/lexicon/events) and
// fetches a newly announced bundle itself (GET /v1/lexicon with If-None-Match). The
// bundle is verified inside wasm against the trusted keys built into the extension;
// wasm refuses a bundle older than the loaded one, and a refused bundle leaves the
// current lexicon (at first the bundled one) in place. A loaded update is kept in
// IndexedDB so it survives a browser restart; the background hears every check
// (MSG.LEXICON_CHECKED) and tells the tabs to re-scan.

import { MSG, ENGINE_MSG } from '../shared/messages.js';

const BACKGROUND_URL = chrome.runtime.getURL('background/service-worker.js');
const engine = globalThis.wildlensEngine; // host.js, which runs first
// Opened as a tab, engine.html must not answer the background (host.js stays idle too).
if (chrome.tabs || !engine) throw new Error('wildlens lexicon updates run only in the engine document');

let feed = '';
let source = null;
let etag = '';
let checking = null;
// The last check: version loaded, when, and why the last offered bundle was refused or
// the feed could not be read ('' when fine).
const status = {version: 0, checkedAt: '', refused: '', error: ''};

const loadedVersion = () => engine.status().info?.version ?? 0;

// ---- The last update, kept across restarts ----

function cacheDB() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open('wildlens-lexicon', 1);
    req.onupgradeneeded = () => req.result.createObjectStore('bundles');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function cache(op, value) {
  const db = await cacheDB();
  return new Promise((resolve, reject) => {
    const t = db.transaction('bundles', op === 'get' ? 'readonly' : 'readwrite');
    const req = op === 'get' ? t.objectStore('bundles').get('latest') : t.objectStore('bundles').put(value, 'latest');
    t.oncomplete = () => resolve(req.result);
    t.onerror = () => reject(t.error);
  });
}

async function loadCached() {
  try {
    const bytes = await cache('get');
    if (bytes) engine.loadBundle(new Uint8Array(bytes));
  } catch (e) {
    // Older than the bundled lexicon (an extension update shipped a newer one) or damaged.
    console.info('wildlens: cached lexicon not used:', e.message);
  }
}

// ---- Checking the feed ----

function tellBackground(changed) {
  status.version = loadedVersion();
  return chrome.runtime.sendMessage({type: MSG.LEXICON_CHECKED, status: {...status, changed}})
    .catch((e) => console.warn('wildlens: background unreachable:', e.message));
}

// check asks the feed for its latest bundle and loads it when it is new. Single flight.
function check() {
  checking ??= doCheck().finally(() => { checking = null; });
  return checking;
}

async function doCheck() {
  await engine.ready;
  if (!feed) {
    status.error = 'no lexicon feed set (options page)';
    await tellBackground(false);
    return {...status};
  }
  const before = loadedVersion();
  let changed = false;
  status.checkedAt = new Date().toISOString();
  try {
    const res = await fetch(`${feed}/v1/lexicon`, {cache: 'no-store', headers: etag ? {'If-None-Match': etag} : {}});
    if (res.status === 304) {
      status.error = '';
    } else if (!res.ok) {
      status.error = `feed answered HTTP ${res.status}`;
    } else {
      const bytes = new Uint8Array(await res.arrayBuffer());
      status.error = '';
      try {
        engine.loadBundle(bytes);
        status.refused = '';
        etag = res.headers.get('ETag') || '';
        changed = loadedVersion() !== before;
        if (changed) await cache('put', bytes.buffer).catch((e) => console.warn('wildlens: lexicon not cached:', e));
      } catch (e) {
        status.refused = e.message;
        etag = ''; // ask again next time: the feed may have fixed it
      }
    }
  } catch (e) {
    status.error = `feed unreachable: ${e.message}`;
  }
  await tellBackground(changed);
  return {...status};
}

// follow opens the push stream of url (closing any other); '' stops following.
function follow(url) {
  if (url === feed && (source || !url)) return;
  feed = url;
  etag = '';
  if (source) source.close();
  source = null;
  if (!feed) return;
  source = new EventSource(`${feed}/v1/lexicon/events`);
  // On connect the server announces its current version, so a reconnect catches up.
  source.addEventListener('lexicon', (e) => {
    let announced = 0;
    try {
      announced = JSON.parse(e.data).version;
    } catch {
      return;
    }
    if (announced !== loadedVersion()) check();
  });
  check();
}

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (!message || sender.id !== chrome.runtime.id || sender.tab || sender.url !== BACKGROUND_URL) return false;
  if (message.type === ENGINE_MSG.FEED && typeof message.feed === 'string') {
    follow(message.feed);
    sendResponse({ok: true});
  } else if (message.type === ENGINE_MSG.CHECK) {
    check().then((s) => sendResponse({ok: true, status: s}), (e) => sendResponse({ok: false, error: e.message}));
    return true;
  }
  return false;
});

(async () => {
  await engine.ready;
  const bundled = loadedVersion();
  await loadCached();
  if (loadedVersion() !== bundled) await tellBackground(true);
  const reply = await chrome.runtime.sendMessage({type: MSG.LEXICON_FEED}).catch(() => null);
  if (reply && reply.ok) follow(reply.feed);
})();

globalThis.wildlensUpdates = Object.freeze({check, status: () => ({...status, feed})});
