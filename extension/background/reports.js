// One-click reports: the durable queue between a moderator's click and the report server.
//
// A report is written to IndexedDB (strict durability: flushed to disk before the click
// is acknowledged) before any attempt to send it, so it survives a dead server, a closed
// browser and a stopped service worker. Each report carries a UUID chosen here; the server
// stores a repeated id once, so a retry after a lost answer never files it twice.
//
// Lifecycle of a record: waiting (a report is held NOTE_WINDOW_MS so a note and category
// can ride in its body, then sent; on a network error or 5xx retried with backoff: 30 s,
// 1 min, 2 min ... 1 h) -> sent (receipt kept, screenshot dropped) | failed (the server
// refused it for good: 400, 409, 413; the popup shows why). 401 stays waiting: the
// moderator fixes the token.
//
// A note or category added once the report may have left (an attempt was made) cannot
// change its body: the server keeps the first body of an id. It is queued as its own
// record, 'annotation:<report id>' (a newer one replaces it), with the same lifecycle,
// and sent once its report is on the server: PATCH /v1/reports/{id}, idempotent, so a
// retry after a lost answer sets the same state. A change made while the previous one is
// on the wire waits and goes after it (each carries a revision).

import { MSG, STORAGE, LIMITS, REPORT_CATEGORIES } from '../shared/messages.js';
import { checkServerURL, loadSettings } from './settings.js';

// How long a filed report waits, so a note added at once goes in one request.
export const NOTE_WINDOW_MS = 10_000;
const RETRY_ALARM = 'wildlens-reports-retry';
const BACKOFF_FIRST_MS = 30_000; // chrome.alarms fire at most every 30 s
const BACKOFF_MAX_MS = 60 * 60_000;
const SNIPPET_UNITS = 2000; // the server's limit on title, text and snippet
const NOTE_UNITS = 10_000; // the server's limit on a note

// ---- IndexedDB ----

let dbPromise = null;

function openDB() {
  dbPromise ??= new Promise((resolve, reject) => {
    const req = indexedDB.open('wildlens-reports', 1);
    req.onupgradeneeded = () => req.result.createObjectStore('reports', {keyPath: 'id'});
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  }).catch((e) => {
    dbPromise = null;
    throw e;
  });
  return dbPromise;
}

// tx runs fn(store) in one transaction and resolves with fn's request result once the
// transaction has committed (with 'strict', once it is on disk).
async function tx(mode, fn) {
  const db = await openDB();
  return new Promise((resolve, reject) => {
    const t = db.transaction('reports', mode, {durability: mode === 'readwrite' ? 'strict' : 'default'});
    const req = fn(t.objectStore('reports'));
    t.oncomplete = () => resolve(req ? req.result : undefined);
    t.onerror = () => reject(t.error);
    t.onabort = () => reject(t.error || new Error('transaction aborted'));
  });
}

const allRecords = () => tx('readonly', (s) => s.getAll());
const getRecord = (id) => tx('readonly', (s) => s.get(id));
const putRecord = (r) => tx('readwrite', (s) => s.put(r));
const deleteRecord = (id) => tx('readwrite', (s) => s.delete(id));

// updateRecord reads record id, lets change(record) edit it, and writes it back in one
// transaction, so a note added while its report is on the wire and the outcome of that
// send never overwrite each other. change throws to refuse (nothing is written).
// Resolves with the record as written.
async function updateRecord(id, change) {
  const db = await openDB();
  return new Promise((resolve, reject) => {
    const t = db.transaction('reports', 'readwrite', {durability: 'strict'});
    const store = t.objectStore('reports');
    let written;
    let refused = null;
    const req = store.get(id);
    req.onsuccess = () => {
      try {
        written = change(req.result);
        store.put(written);
      } catch (e) {
        refused = e;
        t.abort();
      }
    };
    t.oncomplete = () => resolve(written);
    t.onerror = () => reject(refused || t.error);
    t.onabort = () => reject(refused || t.error || new Error('transaction aborted'));
  });
}
// Sent reports stay this long for the popup's count, then go (the server has them).
const KEEP_SENT_MS = 30 * 24 * 60 * 60_000;

// ---- Filing ----

function check(ok, what) {
  if (!ok) throw new Error(what);
}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const shortString = (v, max = SNIPPET_UNITS) => typeof v === 'string' && v.length <= max;

function checkDraft(d) {
  check(isObject(d), 'report must be an object');
  const allowed = ['title', 'platform', 'listing_id', 'seller_id', 'matches', 'verdict', 'score', 'lexicon_version'];
  for (const k of Object.keys(d)) check(allowed.includes(k), `unexpected report field ${k}`);
  check(shortString(d.title), 'title must be a string of at most 2000 characters');
  for (const k of ['platform', 'listing_id', 'seller_id']) {
    check(d[k] === undefined || shortString(d[k], LIMITS.ID_UNITS), `${k} must be a short string`);
  }
  check(Array.isArray(d.matches) && d.matches.length <= 1000, 'matches must be an array of at most 1000');
  for (const m of d.matches) {
    check(isObject(m) && typeof m.term_id === 'string' && typeof m.term === 'string' &&
      shortString(m.text) && shortString(m.snippet) && Number.isInteger(m.start16) &&
      Number.isInteger(m.end16) && m.start16 >= 0 && m.start16 < m.end16, 'each match needs term_id, term, text, start16 < end16, snippet');
  }
  check(d.verdict === 'flag' || d.verdict === 'clear', 'verdict must be flag or clear');
  check(typeof d.score === 'number' && d.score >= 0, 'score must be a number >= 0');
  check(Number.isInteger(d.lexicon_version) && d.lexicon_version > 0, 'lexicon_version must be a positive integer');
}

// reportURL is the page address as the server wants it: no credentials, no fragment.
export function reportURL(pageURL) {
  const u = new URL(pageURL);
  u.username = '';
  u.password = '';
  u.hash = '';
  return u.href;
}

async function sha256Hex(text) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

// listingKey names a listing for "already reported": its id within its platform, else its URL.
const listingKey = (platform, listingId, url) => (platform && listingId ? `${platform}|${listingId}` : url);

// screenshot captures the visible part of tab as PNG base64, or '' when the extension
// may not: captureVisibleTab needs an activeTab grant (popup, context menu, command) or
// the optional <all_urls> permission (hover card), and the tab must be the one showing.
async function screenshot(tab) {
  if (!tab.active) return '';
  try {
    const dataURL = await chrome.tabs.captureVisibleTab(tab.windowId, {format: 'png'});
    return dataURL.slice(dataURL.indexOf(',') + 1);
  } catch (e) {
    console.warn('wildlens: no screenshot:', e.message);
    await askScreenshotPermissionOnce();
    return '';
  }
}

// askScreenshotPermissionOnce opens the options page, where the moderator can grant
// <all_urls> for hover-card screenshots (a permission request needs a click in an
// extension page), the first time a report goes without one.
async function askScreenshotPermissionOnce() {
  const asked = STORAGE.SCREENSHOT_ASKED;
  if ((await chrome.storage.local.get(asked))[asked] || await chrome.permissions.contains({origins: ['<all_urls>']})) return;
  await chrome.storage.local.set({[asked]: true});
  chrome.runtime.openOptionsPage().catch(() => {});
}

async function fileReport(draft, pageText, tab, frameURL) {
  checkDraft(draft);
  check(typeof pageText === 'string', 'pageText must be a string');
  const url = reportURL(frameURL);
  const png = await screenshot(tab);
  const body = {
    id: crypto.randomUUID(),
    url,
    title: draft.title,
    client_time: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    lexicon_version: draft.lexicon_version,
    page_sha256: await sha256Hex(pageText),
    matches: draft.matches,
    verdict: draft.verdict,
    score: draft.score,
    extension_version: chrome.runtime.getManifest().version,
  };
  for (const k of ['platform', 'listing_id', 'seller_id']) if (draft[k]) body[k] = draft[k];
  if (png) body.screenshot_png = png;
  const now = Date.now();
  await putRecord({id: body.id, kind: 'report', body, state: 'waiting', attempts: 0, lastError: '', createdAt: now,
    nextAttemptAt: now + NOTE_WINDOW_MS, key: listingKey(draft.platform, draft.listing_id, url)});
  await rememberReported(listingKey(draft.platform, draft.listing_id, url));
  await updateBadge();
  schedule(NOTE_WINDOW_MS);
  return {ok: true, id: body.id, screenshot: png !== ''};
}

async function rememberReported(key) {
  const stored = await chrome.storage.local.get(STORAGE.REPORTED);
  const keys = stored[STORAGE.REPORTED] || [];
  if (!keys.includes(key)) {
    keys.push(key);
    await chrome.storage.local.set({[STORAGE.REPORTED]: keys.slice(-5000)});
  }
}

// Records are reports, or annotations: a note and category for a report already on its
// way. Records written before annotations existed have no kind: reports.
const isAnnotation = (r) => r.kind === 'annotation';
const annotationID = (reportID) => `annotation:${reportID}`;

// addNote sets the note and category of a filed report (each call states both; an empty
// one clears it): in the report's body while no attempt was made to send it, else as an
// annotation record that follows the report to the server.
async function addNote(id, note, category) {
  check(typeof note === 'string' && note.length <= NOTE_UNITS, `note must be a string of at most ${NOTE_UNITS} characters`);
  check(category === '' || REPORT_CATEGORIES.includes(category), `category must be one of ${REPORT_CATEGORIES.join(', ')}`);
  // One transaction decides: sendReport counts an attempt (in its own transaction) before
  // the body leaves, so attempts === 0 means the server cannot have it yet.
  const report = await updateRecord(id, (r) => {
    check(r && !isAnnotation(r), `no report ${id} in this browser`);
    check(r.state !== 'failed', `the server refused this report (${r.lastError}); the note was not added`);
    if (r.state === 'waiting' && r.attempts === 0) {
      setOrDelete(r.body, 'note', note);
      setOrDelete(r.body, 'category', category);
    }
    return r;
  });
  if (report.attempts > 0 || report.state !== 'waiting') {
    await updateRecord(annotationID(id), (previous) => ({
      id: annotationID(id), kind: 'annotation', reportId: id, body: {note, category},
      revision: (previous ? previous.revision : 0) + 1, state: 'waiting', attempts: 0, lastError: '',
      createdAt: Date.now(), nextAttemptAt: Date.now(),
    }));
    await updateBadge();
    deliver().catch(logError);
  }
  return {ok: true};
}

function setOrDelete(body, field, value) {
  if (value) body[field] = value;
  else delete body[field];
}

// ---- Sending ----

let delivering = null;

const isDue = (r, now, force) => r.state === 'waiting' && (force || r.nextAttemptAt <= now);

// deliver sends every waiting record that is due (all of them when force), one at a
// time, oldest first, so a report goes before its annotation; an annotation waits while
// its report does. Single-flight: a second call while one runs waits for it and runs again.
function deliver(force = false) {
  const run = async () => {
    const settings = await loadSettings();
    const now = Date.now();
    const due = (await allRecords()).filter((r) => isDue(r, now, force)).sort((a, b) => a.createdAt - b.createdAt);
    for (const {id} of due) {
      const r = await getRecord(id); // fresh: a note may have joined or been replaced
      if (!r || !isDue(r, now, force)) continue;
      if (!isAnnotation(r)) {
        await sendReport(id, settings);
        continue;
      }
      const report = await getRecord(r.reportId); // gone: sent long ago and pruned
      if (report && report.state === 'failed') {
        await updateRecord(id, (a) => Object.assign(a, {state: 'failed', lastError: 'the server refused the report itself'}));
      } else if (!report || report.state === 'sent') {
        await sendAnnotation(id, settings);
      }
    }
    for (const r of await allRecords()) {
      if (r.state === 'sent' && r.sentAt < now - KEEP_SENT_MS) await deleteRecord(r.id);
    }
    await updateBadge();
    await scheduleNext();
  };
  delivering = (delivering || Promise.resolve()).then(run, run);
  return delivering;
}

// send makes one request to the report server, or says why it cannot yet.
function send(method, path, body, settings) {
  if (!settings.reportServer) {
    return {retry: true, error: settings.problems.reportServer || 'no report server set (options page)'};
  } else if (!settings.moderatorToken) {
    return {retry: true, error: 'no moderator token set (options page)'};
  }
  return request(method, `${settings.reportServer}${path}`, settings.moderatorToken, body);
}

// settle applies the outcome of an attempt (already counted) to a record: sent, waiting
// again after a backoff, or failed for good.
function settle(r, outcome) {
  if (outcome.ok) {
    r.state = 'sent';
    r.sentAt = Date.now();
    r.lastError = '';
  } else if (outcome.retry) {
    r.lastError = outcome.error;
    r.nextAttemptAt = Date.now() + Math.min(BACKOFF_FIRST_MS * 2 ** (r.attempts - 1), BACKOFF_MAX_MS);
  } else {
    r.state = 'failed';
    r.lastError = outcome.error;
  }
  return r;
}

const countAttempt = (id) => updateRecord(id, (r) => Object.assign(r, {attempts: r.attempts + 1}));

async function sendReport(id, settings) {
  // Counted before the body leaves: from here a note no longer joins it (addNote).
  const r = await countAttempt(id);
  const outcome = await send('POST', '/v1/reports', r.body, settings);
  await updateRecord(id, (cur) => {
    settle(cur, outcome);
    if (outcome.ok) {
      cur.receipt = outcome.receipt;
      delete cur.body.screenshot_png; // on the server now; the queue stays small
    }
    return cur;
  });
}

async function sendAnnotation(id, settings) {
  const a = await countAttempt(id);
  const outcome = await send('PATCH', `/v1/reports/${encodeURIComponent(a.reportId)}`, a.body, settings);
  // A newer note came while this one was on the wire: it stays waiting and goes next.
  await updateRecord(id, (cur) => (cur.revision === a.revision ? settle(cur, outcome) : cur));
}

async function request(method, url, token, body) {
  let res;
  try {
    res = await fetch(url, {
      method,
      headers: {'Authorization': `Bearer ${token}`, 'Content-Type': 'application/json'},
      body: JSON.stringify(body),
    });
  } catch (e) {
    return {retry: true, error: `server unreachable: ${e.message}`};
  }
  let reply = {};
  try {
    reply = await res.json();
  } catch {
    // an error page from a proxy: the status says enough
  }
  if (res.ok) return {ok: true, receipt: reply};
  const error = `HTTP ${res.status}: ${reply.error || res.statusText}`;
  // 401: a missing or revoked token the moderator can fix; 5xx and 429: the server's trouble.
  return {retry: res.status === 401 || res.status === 429 || res.status >= 500, error};
}

// schedule makes sure deliver runs in ms: a timer while this worker lives, and an alarm
// for when it has been stopped meanwhile.
function schedule(ms) {
  setTimeout(() => deliver().catch(logError), ms);
  chrome.alarms.create(RETRY_ALARM, {when: Date.now() + Math.max(ms, BACKOFF_FIRST_MS)});
}

async function scheduleNext() {
  const records = await allRecords();
  const reportWaits = new Set(records.filter((r) => !isAnnotation(r) && r.state === 'waiting').map((r) => r.id));
  // An annotation behind a waiting report goes when the report does.
  const times = records.filter((r) => r.state === 'waiting' && !reportWaits.has(r.reportId)).map((r) => r.nextAttemptAt);
  if (times.length === 0) {
    await chrome.alarms.clear(RETRY_ALARM);
    return;
  }
  const next = Math.min(...times);
  chrome.alarms.create(RETRY_ALARM, {when: Math.max(next, Date.now() + BACKOFF_FIRST_MS)});
}

async function updateBadge() {
  const waiting = (await allRecords()).filter((r) => r.state !== 'sent').length;
  await chrome.action.setBadgeBackgroundColor({color: '#a40000'});
  await chrome.action.setBadgeText({text: waiting ? String(waiting) : ''});
}

async function listReports() {
  const all = await allRecords();
  const annotations = new Map(all.filter(isAnnotation).map((a) => [a.reportId, a]));
  const records = all.filter((r) => !isAnnotation(r));
  const reports = records.sort((a, b) => b.createdAt - a.createdAt).slice(0, 50).map((r) => {
    const a = annotations.get(r.id);
    return {id: r.id, title: r.body.title, url: r.body.url, state: r.state, attempts: r.attempts,
      lastError: r.lastError, createdAt: new Date(r.createdAt).toISOString(),
      annotation: a ? {note: a.body.note, category: a.body.category, state: a.state, lastError: a.lastError} : null};
  });
  const count = (state) => records.filter((r) => r.state === state).length;
  return {ok: true, waiting: count('waiting'), failed: count('failed'), sent: count('sent'), reports};
}

// ---- Status, false alarms, connection test ----

async function serverGET(path, settings) {
  const res = await fetch(`${settings.reportServer}${path}`, {headers: {'Authorization': `Bearer ${settings.moderatorToken}`}});
  const reply = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(`HTTP ${res.status}: ${reply.error || res.statusText}`);
  return reply;
}

// latestOwnReport is this browser's newest report of a listing with its note and
// category as last set, so the hover card can offer to change them any time later; null
// when there is none (or the server refused it).
async function latestOwnReport(key) {
  const [r] = (await allRecords()).filter((r) => !isAnnotation(r) && r.key === key && r.state !== 'failed')
    .sort((a, b) => b.createdAt - a.createdAt);
  if (!r) return null;
  const later = await getRecord(annotationID(r.id));
  const {note = '', category = ''} = later ? later.body : r.body;
  return {id: r.id, note, category};
}

async function reportStatus(platform, listingId, pageURL) {
  const url = reportURL(pageURL);
  const stored = await chrome.storage.local.get(STORAGE.REPORTED);
  const byYou = (stored[STORAGE.REPORTED] || []).includes(listingKey(platform, listingId, url));
  const settings = await loadSettings();
  let server = null;
  if (settings.reportServer && settings.moderatorToken) {
    const q = platform && listingId ? `platform=${encodeURIComponent(platform)}&listing_id=${encodeURIComponent(listingId)}` :
      `url=${encodeURIComponent(url)}`;
    server = await serverGET(`/v1/reports/status?${q}`, settings).catch(() => null);
  }
  return {ok: true, byYou: byYou || (server?.by_you ?? 0) > 0, server, mine: await latestOwnReport(listingKey(platform, listingId, url))};
}

async function falseAlarm(m, pageURL) {
  const settings = await loadSettings();
  check(settings.reportServer && settings.moderatorToken, 'set the report server and token on the options page first');
  const body = {id: crypto.randomUUID(), term_id: m.termId, url: reportURL(pageURL), text: m.text,
    snippet: m.snippet, lexicon_version: m.lexiconVersion};
  const outcome = await request('POST', `${settings.reportServer}/v1/false-alarms`, settings.moderatorToken, body);
  if (!outcome.ok) throw new Error(outcome.error);
  return {ok: true};
}

async function testConnection(server, token) {
  const problem = checkServerURL(server);
  check(server && !problem, problem || 'set a report server address');
  // A status query needs a valid token and stores nothing.
  await serverGET('/v1/reports/status?url=https%3A%2F%2Fexample.invalid%2F', {reportServer: server.replace(/\/+$/, ''), moderatorToken: token});
  return {ok: true, moderator: true};
}

const logError = (e) => console.error('wildlens reports:', e);

// ---- Wiring ----

// installReports registers the report messages in the service worker's handler table,
// and the alarm, context-menu and keyboard entry points.
export function installReports({handlers, checkKeys, fromOwnContentScript, fromOwnPage, frameURL}) {
  const fromUI = fromOwnPage;
  handlers[MSG.REPORT_FILE] = {
    from: fromOwnContentScript,
    validate: (m) => checkKeys(m, ['type', 'report', 'pageText', 'url']),
    run: (m, sender) => fileReport(m.report, m.pageText, sender.tab, frameURL(m, sender)),
  };
  handlers[MSG.REPORT_TAB] = {
    from: fromUI,
    validate(m) {
      checkKeys(m, ['type', 'tabId']);
      check(Number.isInteger(m.tabId), 'tabId must be an integer');
    },
    run: (m) => reportTab(m.tabId),
  };
  handlers[MSG.REPORT_NOTE] = {
    from: (s) => fromOwnContentScript(s) || fromUI(s),
    validate(m) {
      checkKeys(m, ['type', 'id', 'note', 'category']);
      check(typeof m.id === 'string' && typeof m.note === 'string' && typeof m.category === 'string', 'id, note and category must be strings');
    },
    run: (m) => addNote(m.id, m.note, m.category),
  };
  handlers[MSG.REPORT_STATUS] = {
    from: fromOwnContentScript,
    validate(m) {
      checkKeys(m, ['type', 'platform', 'listingId', 'url']);
      check(shortString(m.platform, LIMITS.ID_UNITS) && shortString(m.listingId, LIMITS.ID_UNITS), 'platform and listingId must be short strings');
    },
    run: (m, sender) => reportStatus(m.platform, m.listingId, frameURL(m, sender)),
  };
  handlers[MSG.REPORTS_LIST] = {from: fromUI, validate: (m) => checkKeys(m, ['type']), run: listReports};
  handlers[MSG.REPORTS_RETRY] = {
    from: fromUI,
    validate: (m) => checkKeys(m, ['type']),
    run: () => deliver(true).then(listReports),
  };
  handlers[MSG.FALSE_ALARM] = {
    from: fromOwnContentScript,
    validate(m) {
      checkKeys(m, ['type', 'termId', 'text', 'snippet', 'lexiconVersion', 'url']);
      check(shortString(m.termId, LIMITS.ID_UNITS) && shortString(m.text) && shortString(m.snippet), 'termId, text and snippet must be strings');
      check(Number.isInteger(m.lexiconVersion) && m.lexiconVersion > 0, 'lexiconVersion must be a positive integer');
    },
    run: (m, sender) => falseAlarm(m, frameURL(m, sender)),
  };
  handlers[MSG.TEST_CONNECTION] = {
    from: fromUI,
    validate(m) {
      checkKeys(m, ['type', 'server', 'token']);
      check(typeof m.server === 'string' && typeof m.token === 'string', 'server and token must be strings');
    },
    run: (m) => testConnection(m.server.trim(), m.token.trim()),
  };

  chrome.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === RETRY_ALARM) deliver().catch(logError);
  });
  chrome.runtime.onInstalled.addListener(() => {
    chrome.contextMenus.create({id: 'wildlens-report', title: chrome.i18n.getMessage('reportMenu') || 'Report this listing',
      contexts: ['page', 'selection', 'link', 'image']});
  });
  chrome.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === 'wildlens-report' && tab) reportTab(tab.id).catch(logError);
  });
  chrome.commands.onCommand.addListener((command, tab) => {
    if (command === 'report-listing' && tab) reportTab(tab.id).catch(logError);
  });
  // A browser start (or a worker woken for anything) sends what waits.
  updateBadge().catch(logError);
  deliver().catch(logError);
}

// reportTab files a report for the listing under the pointer (or the only listing) in
// a tab the moderator acted on: popup, context menu or keyboard command, all of which
// grant activeTab, so the screenshot needs no standing permission.
async function reportTab(tabId) {
  const tab = await chrome.tabs.get(tabId);
  const reply = await chrome.tabs.sendMessage(tabId, {type: MSG.REPORT_COLLECT}, {frameId: 0});
  if (!reply || !reply.ok) throw new Error(reply ? reply.error : 'the page did not answer (reload it)');
  const filed = await fileReport(reply.report, reply.pageText, tab, tab.url || reply.url);
  chrome.tabs.sendMessage(tabId, {type: MSG.REPORT_FILED, id: filed.id}, {frameId: 0}).catch(() => {});
  return filed;
}
