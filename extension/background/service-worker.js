// The background service worker: the only way from content scripts and UI pages to the
// engine. It validates every message (shape, types, sizes; who sent it comes from
// `sender`, never from the payload), keeps the offscreen engine document alive
// (creating it again when it has gone) and forwards requests to it.
//
// MV3 stops this worker when idle and starts it again on the next event, so every
// listener is registered synchronously at the top level, and each handler waits for
// the one readiness promise, `engine()`, before it talks to the engine.

import { MSG, ENGINE_MSG, LIMITS } from '../shared/messages.js';
import { installReports } from './reports.js';
import { installUpdates } from './updates.js';
import { seedManagedSites } from './settings.js';

const ENGINE_PATH = 'engine/engine.html';
const ENGINE_URL = chrome.runtime.getURL(ENGINE_PATH);

// ---- The engine document ----

let engineReady = null; // Promise<status> while the engine document is believed alive

// engine resolves when the offscreen engine document exists and has loaded its
// bundle, creating the document if needed: the readiness gate of every handler.
function engine() {
  if (!engineReady) {
    engineReady = startEngine().catch((e) => {
      engineReady = null;
      throw e;
    });
  }
  return engineReady;
}

async function hasEngineDocument() {
  const contexts = await chrome.runtime.getContexts({
    contextTypes: ['OFFSCREEN_DOCUMENT'],
    documentUrls: [ENGINE_URL],
  });
  return contexts.length > 0;
}

async function createEngineDocument() {
  for (let attempt = 0; ; attempt++) {
    try {
      await chrome.offscreen.createDocument({
        url: ENGINE_PATH,
        reasons: ['WORKERS'],
        justification: 'Runs the wildlens matching engine (Go WebAssembly) once for all tabs.',
      });
      return;
    } catch (e) {
      // Another wake of this worker created it first.
      if (await hasEngineDocument()) return;
      // A document that was just closed (or crashed) is no longer listed but still
      // counts as the one allowed for a moment: wait for Chrome to let it go.
      if (attempt >= 40 || !/single offscreen document/i.test(String(e && e.message))) throw e;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

async function startEngine() {
  if (!(await hasEngineDocument())) await createEngineDocument();
  let status;
  try {
    status = await sendToEngine({type: ENGINE_MSG.STATUS});
  } catch (e) {
    // A document that is listed but never answers is closing or broken: replace it.
    await chrome.offscreen.closeDocument().catch(() => {});
    await createEngineDocument();
    status = await sendToEngine({type: ENGINE_MSG.STATUS});
  }
  if (!status.ok) console.error('wildlens engine:', status.error);
  return status;
}

// askOnce sends a request to the engine document; no answer is an error.
async function askOnce(message) {
  const reply = await chrome.runtime.sendMessage(message);
  if (reply === undefined) throw new Error('the engine did not answer');
  return reply;
}

async function sendToEngine(message) {
  // The document's listener may not be registered yet right after creation.
  for (let attempt = 0; ; attempt++) {
    try {
      return await askOnce(message);
    } catch (e) {
      if (attempt >= 20) throw e;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

// askEngine forwards a request once the engine is ready; if the document has gone
// (closed or crashed) it is created again and the request retried once.
async function askEngine(message) {
  await engine();
  try {
    return await askOnce(message);
  } catch (e) {
    engineReady = null;
    await engine();
    return askOnce(message);
  }
}

// ---- Validation ----

function check(ok, what) {
  if (!ok) throw new Error(what);
}

function checkKeys(message, allowed) {
  for (const k of Object.keys(message)) check(allowed.includes(k), `unexpected field ${k}`);
}

function checkID(v, what) {
  check(typeof v === 'string' && v.length > 0 && v.length <= LIMITS.ID_UNITS,
    `${what} must be a string of 1-${LIMITS.ID_UNITS} characters`);
}

// A content script's sender has a tab and the page's URL; an extension page opened in a
// tab has a tab too, but an extension URL.
function fromOwnContentScript(sender) {
  return sender.id === chrome.runtime.id && sender.tab !== undefined && typeof sender.url === 'string' &&
    !sender.url.startsWith(chrome.runtime.getURL(''));
}

function fromOwnPage(sender) {
  return sender.id === chrome.runtime.id && typeof sender.url === 'string' &&
    sender.url.startsWith(chrome.runtime.getURL(''));
}

// onOrigin reports whether url is on origin; an opaque origin ("null") matches nothing.
function onOrigin(url, origin) {
  try {
    const own = new URL(url).origin;
    return own !== 'null' && own === origin;
  } catch {
    return false;
  }
}

// frameURL is the address a content script's message is about: the payload's url, the
// frame's location.href, because sender.url stays the document's first URL when a
// single-page app moves on with history.pushState. pushState cannot change the origin,
// so the url is taken only when it is sender.url or on the sending frame's origin (from
// sender): a frame cannot speak for another site's page.
function frameURL(m, sender) {
  check(typeof m.url === 'string' && m.url.length <= LIMITS.URL_UNITS,
    `url must be a string of at most ${LIMITS.URL_UNITS} characters`);
  check(m.url === sender.url || onOrigin(m.url, sender.origin),
    `url is not on the sending frame's origin ${sender.origin}`);
  return m.url;
}

// Each handler: who may send it, how its payload is checked, what it does.
const handlers = {
  [MSG.SCAN]: {
    from: fromOwnContentScript,
    validate(m) {
      checkKeys(m, ['type', 'batch']);
      check(Array.isArray(m.batch), 'batch must be an array');
      check(m.batch.length > 0 && m.batch.length <= LIMITS.BATCH_LISTINGS,
        `batch must hold 1-${LIMITS.BATCH_LISTINGS} listings`);
      let units = 0;
      for (const item of m.batch) {
        check(item !== null && typeof item === 'object' && !Array.isArray(item), 'each listing must be {id, text}');
        checkKeys(item, ['id', 'text']);
        checkID(item.id, 'listing id');
        check(typeof item.text === 'string', 'listing text must be a string');
        units += item.text.length;
      }
      check(units <= LIMITS.BATCH_UNITS, `batch text exceeds ${LIMITS.BATCH_UNITS} UTF-16 units`);
    },
    async run(m) {
      const t0 = performance.now();
      const r = await askEngine({type: ENGINE_MSG.SCAN, batch: m.batch});
      if (!r.ok) return r;
      const t1 = performance.now();
      const results = JSON.parse(r.resultsJSON);
      // For the benchmark, which reads it from this worker: where a scan's time goes.
      globalThis.lastScan = {engineRoundTripMs: t1 - t0, parseMs: performance.now() - t1,
        resultsChars: r.resultsJSON.length};
      return {ok: true, lexiconVersion: r.lexiconVersion, results};
    },
  },
  [MSG.DESCRIBE]: {
    from: (s) => fromOwnContentScript(s) || fromOwnPage(s),
    validate(m) {
      checkKeys(m, ['type', 'termId']);
      checkID(m.termId, 'termId');
    },
    run: (m) => askEngine({type: ENGINE_MSG.DESCRIBE, termId: m.termId}),
  },
  [MSG.PROFILE]: {
    from: fromOwnContentScript,
    validate: (m) => checkKeys(m, ['type', 'url']),
    run: (m, sender) => askEngine({type: ENGINE_MSG.PROFILE, url: frameURL(m, sender)}),
  },
};

// Reports (issue 5) and live lexicon updates add their messages to the table.
const hooks = {handlers, check, checkKeys, fromOwnContentScript, fromOwnPage, frameURL, askEngine};
installReports(hooks);
installUpdates(hooks);
seedManagedSites().catch((e) => console.warn('wildlens managed sites:', e));

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== chrome.runtime.id) return false;
  if (message === null || typeof message !== 'object' || typeof message.type !== 'string') {
    sendResponse({ok: false, error: 'a message is an object with a string type'});
    return false;
  }
  const h = handlers[message.type];
  if (!h) {
    sendResponse({ok: false, error: `unknown message type ${JSON.stringify(message.type).slice(0, 80)}`});
    return false;
  }
  if (!h.from(sender)) {
    sendResponse({ok: false, error: `${message.type} is not accepted from this sender`});
    return false;
  }
  try {
    h.validate(message);
  } catch (e) {
    sendResponse({ok: false, error: e.message});
    return false;
  }
  Promise.resolve()
    .then(() => h.run(message, sender))
    .then(sendResponse, (e) => sendResponse({ok: false, error: e.message}));
  return true;
});

// Start the engine with the browser, not with the first page scan.
chrome.runtime.onStartup.addListener(() => engine().catch(() => {}));
chrome.runtime.onInstalled.addListener(() => engine().catch(() => {}));
engine().catch((e) => console.error('wildlens engine:', e));
