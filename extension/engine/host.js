// The engine host: the one offscreen document per browser that runs the Go wasm engine
// (wasm/), and the only JavaScript in the extension that touches WebAssembly. It loads
// the bundled lexicon once at start, verified inside wasm against the trusted keys the
// build fixed, and answers the background's ENGINE_MSG requests. Living in an offscreen
// document, it compiles the module once per browser, works on pages whose CSP forbids
// wasm, and keeps running while the service worker is stopped.
//
// globalThis.wildlensEngine is the same API for tests and benchmarks that attach to this
// document: ready, status(), scan(batch), describe(termId), profileFor(url),
// loadBundle(bytes), timings.

import { ENGINE_MSG } from '../shared/messages.js';

// Offscreen documents get chrome.runtime only; opened as a tab this page would be a
// second engine answering the background's requests, so it stays idle.
if (chrome.tabs) throw new Error('the wildlens engine runs only in its offscreen document');

const BACKGROUND_URL = chrome.runtime.getURL('background/service-worker.js');
const encoder = new TextEncoder();

// Milliseconds since this document started, per start-up phase.
const timings = {};
const since = (t) => Math.round((performance.now() - t) * 10) / 10;

let wasmMemory = null; // the instance's memory, for the status report
let trustedKeys = '';
let info = null; // the loaded bundle's {version, contentSha256, terms, profiles}
let startError = '';

async function fetchOK(path) {
  const res = await fetch(chrome.runtime.getURL(path));
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return res;
}

async function start() {
  const t0 = performance.now();
  const go = new Go();
  const [{instance}, keys, bundle] = await Promise.all([
    WebAssembly.instantiateStreaming(fetchOK('engine/engine.wasm'), go.importObject),
    fetchOK('lexicon/trusted-keys.txt').then((r) => r.text()),
    fetchOK('lexicon/bundle.wlb').then((r) => r.arrayBuffer()),
  ]);
  timings.instantiateMs = since(t0);
  go.run(instance); // main registers globalThis.wildlensGo and parks; the promise never settles
  wasmMemory = instance.exports.mem;
  trustedKeys = keys;
  timings.goStartMs = since(t0);
  try {
    loadBundle(new Uint8Array(bundle));
  } catch (e) {
    // The engine stays up without a lexicon: a refused bundle is never loaded.
    startError = `bundled lexicon refused: ${e.message}`;
  }
  timings.bundleLoadedMs = since(t0);
  if (info) {
    scan([{id: 'warm-up', text: '象牙 ivory'}]);
    timings.firstScanMs = since(t0);
  }
}

// loadBundle verifies a signed bundle inside wasm against the trusted keys and makes it
// current; on any failure it throws and the previous bundle stays loaded.
function loadBundle(bytes) {
  const reply = globalThis.wildlensGo.loadBundle(bytes, trustedKeys);
  if (typeof reply !== 'string') throw new Error(reply.error);
  info = JSON.parse(reply);
  startError = '';
  return info;
}

// encodeBatch writes a batch in the engine's frame format (wasm/engine.go DecodeBatch):
// one buffer for the whole batch, so it crosses into wasm with one copy.
function encodeBatch(batch) {
  let cap = 4; // a UTF-16 code unit takes at most 3 bytes of UTF-8
  for (const {id, text} of batch) cap += 8 + 3 * (id.length + text.length);
  const buf = new Uint8Array(cap);
  const view = new DataView(buf.buffer);
  let p = 0;
  view.setUint32(p, batch.length, true);
  p += 4;
  const put = (s) => {
    const {written} = encoder.encodeInto(s, buf.subarray(p + 4));
    view.setUint32(p, written, true);
    p += 4 + written;
  };
  for (const {id, text} of batch) {
    put(id);
    put(text);
  }
  return buf.subarray(0, p);
}

function requireLexicon() {
  if (!info) throw new Error(startError || 'the engine has not started');
}

// scanJSON matches a batch of listings [{id, text}] in one call into wasm and returns
// the results as JSON text: a string crosses to the background far cheaper than the
// object graph it encodes.
function scanJSON(batch) {
  requireLexicon();
  const t0 = performance.now();
  const reply = globalThis.wildlensGo.scan(encodeBatch(batch));
  if (typeof reply !== 'string') throw new Error(reply.error);
  timings.lastScanMs = since(t0);
  return reply;
}

const scan = (batch) => JSON.parse(scanJSON(batch));

function describe(termId) {
  requireLexicon();
  const reply = globalThis.wildlensGo.describe(termId);
  if (typeof reply !== 'string') throw new Error(reply.error);
  return JSON.parse(reply);
}

// globMatches tests a bundle.Profile URL pattern: "*" matches any run of characters,
// everything else itself; the whole URL must match.
function globMatches(glob, url) {
  const re = glob.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${re}$`, 's').test(url);
}

// profileFor returns the first profile of the bundle with a pattern matching url.
function profileFor(url) {
  requireLexicon();
  return (info.profiles || []).find((p) => (p.urls || []).some((g) => globMatches(g, url))) || null;
}

function base64Bytes(s) {
  const bin = atob(s);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

const ready = start().catch((e) => {
  startError = `engine failed to start: ${e.message}`;
});

function status() {
  const memoryBytes = wasmMemory ? wasmMemory.buffer.byteLength : 0;
  return info ? {ok: true, info, timings, memoryBytes, error: startError || undefined} :
    {ok: false, error: startError || 'the engine has not started', timings, memoryBytes};
}

const handlers = {
  [ENGINE_MSG.STATUS]: () => status(),
  [ENGINE_MSG.SCAN]: (m) => ({ok: true, lexiconVersion: info?.version ?? 0, resultsJSON: scanJSON(m.batch)}),
  [ENGINE_MSG.DESCRIBE]: (m) => ({ok: true, term: describe(m.termId), lexiconVersion: info.version}),
  [ENGINE_MSG.PROFILE]: (m) => ({ok: true, profile: profileFor(m.url), lexiconVersion: info.version}),
  [ENGINE_MSG.LOAD]: (m) => ({ok: true, info: loadBundle(base64Bytes(m.bundle))}),
};

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  // Content scripts' messages reach this document too (runtime messages go to every
  // extension page): answer only the background, and leave the rest to it.
  const handler = message && handlers[message.type];
  if (!handler || sender.id !== chrome.runtime.id || sender.tab || sender.url !== BACKGROUND_URL) {
    return false;
  }
  ready.then(() => handler(message)).then(sendResponse, (e) => sendResponse({ok: false, error: e.message}));
  return true;
});

globalThis.wildlensEngine = Object.freeze({
  ready, status, scan, describe, profileFor, timings,
  loadBundle: (bytes) => loadBundle(bytes),
});
