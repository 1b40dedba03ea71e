// Every message name that crosses between extension contexts, and the shape of each
// payload. The background validates every message from a content script against these
// shapes; sender identity comes from `sender`, never from the payload.
//
// Contexts: content (per tab/frame), background (service worker), engine (offscreen
// document hosting the wasm engine), ui (popup, options).
export const MSG = Object.freeze({
  // content -> background -> engine: scan a batch of listing texts.
  //   {type, batch: [{id: string, text: string}]}
  //   -> {ok: true, lexiconVersion: number, results: [Result]} | {ok: false, error: string}
  SCAN: 'wildlens/scan',
  // content|ui -> background -> engine: describe a term for the hover card.
  //   {type, termId: string} -> {ok: true, term: Term, lexiconVersion: number}
  DESCRIBE: 'wildlens/describe',
  // background -> content: the lexicon changed; re-scan the page.  {type, lexiconVersion}
  LEXICON_CHANGED: 'wildlens/lexicon-changed',
  // content -> background: the site profile for this page, from the loaded bundle.
  //   {type, url: string} -> {ok: true, profile: Profile | null, lexiconVersion: number}
  //   url is the frame's location.href (sender.url does not follow history.pushState);
  //   refused ({ok: false}) unless it is on the sending frame's origin (sender.origin).
  //   Profile is bundle.Profile (lexicon/bundle/bundle.go). Without a profile the page
  //   body is one listing.
  PROFILE: 'wildlens/profile',
  // ui -> content (chrome.tabs.sendMessage): what the page shows.
  //   {type} -> {ok: true, host: string, enabled: boolean, lexiconVersion: number,
  //   verdict: 'flag'|'clear', listings: [{id, listingId, title, verdict, score, hits}],
  //   terms: [{termId, term, risk, count}], hits: number}
  PAGE_SUMMARY: 'wildlens/page-summary',
  // ui -> content: scroll to the next or previous hit in document order and mark it.
  //   {type, direction: 'next'|'prev'} -> {ok: true, index: number, hits: number}
  JUMP: 'wildlens/jump',

  // ---- Reports and lexicon updates (issue 5) ----
  // content -> background: file a report from the hover card (one click). The background
  //   adds id, time, versions, the URL (url without credentials or fragment) and a
  //   screenshot, stores it, then sends it.
  //   {type, report: ReportDraft, pageText: string, url: string} -> {ok: true, id, screenshot: boolean}
  //   url, here and in REPORT_STATUS and FALSE_ALARM, is as in PROFILE: the frame's
  //   location.href, refused ({ok: false}, nothing stored) unless on sender.origin.
  //   ReportDraft: {title, platform, listing_id, seller_id, matches: [{term_id, term, text,
  //   start16, end16, snippet}], verdict, score, lexicon_version}
  REPORT_FILE: 'wildlens/report/file',
  // background -> content (frame 0): the draft for the listing under the pointer, or the
  //   page's only listing. {type} -> {ok: true, report: ReportDraft, pageText, url} | {ok: false, error}
  REPORT_COLLECT: 'wildlens/report/collect',
  // ui -> background: file a report for a tab (popup: the activeTab grant covers the
  //   screenshot). {type, tabId} -> as REPORT_FILE
  REPORT_TAB: 'wildlens/report/tab',
  // background -> content (frame 0): a report was filed for this page from the popup,
  //   context menu or command; offer the note field. {type, id}
  REPORT_FILED: 'wildlens/report/filed',
  // content|ui -> background: set the note and category of a filed report, at any time
  //   (in its body before it is sent, else queued and sent after it). category: '' or
  //   one of REPORT_CATEGORIES. {type, id, note: string, category: string} -> {ok: true} | {ok: false, error}
  REPORT_NOTE: 'wildlens/report/note',
  // content -> background: was this listing reported? {type, platform, listingId, url}
  //   -> {ok: true, byYou: boolean, server: {count, by_you, first_reported_at, status} | null,
  //   mine: {id, note, category} | null (this browser's newest report of it)}
  REPORT_STATUS: 'wildlens/report/status',
  // ui -> background: the queue. {type} -> {ok: true, waiting: number, sent: number,
  //   reports: [{id, title, url, state: 'waiting'|'failed'|'sent', attempts, lastError, createdAt,
  //   annotation: {note, category, state, lastError} | null}]}
  REPORTS_LIST: 'wildlens/reports/list',
  // ui -> background: send every waiting report now, ignoring backoff. {type} -> REPORTS_LIST reply
  REPORTS_RETRY: 'wildlens/reports/retry',
  // content -> background: "not trade" on one highlight.
  //   {type, termId, text, snippet, lexiconVersion, url} -> {ok: true} | {ok: false, error}
  FALSE_ALARM: 'wildlens/false-alarm',
  // engine -> background: an update check finished.
  //   {type, status: {version, checkedAt, error, changed: boolean}} -> {ok: true}
  LEXICON_CHECKED: 'wildlens/lexicon/checked',
  // engine -> background: the feed URL to follow. {type} -> {ok: true, feed: string}
  LEXICON_FEED: 'wildlens/lexicon/feed',
  // ui -> background -> engine: check the feed now. {type} -> {ok: true, status}
  LEXICON_CHECK: 'wildlens/lexicon/check',
  // ui -> background: try the report server with the token. {type, server, token}
  //   -> {ok: true, moderator: boolean} | {ok: false, error}
  TEST_CONNECTION: 'wildlens/test-connection',
});

// chrome.storage.local keys.
export const STORAGE = Object.freeze({
  // string[]: host names where the user switched highlighting off.
  DISABLED_SITES: 'wildlens.disabledSites',
  // {reportServer, lexiconFeed, moderatorToken}: the options page's settings (managed
  // storage, when a platform presets them, wins key by key).
  SETTINGS: 'wildlens.settings',
  // {version, checkedAt, error}: the last lexicon update check, for the popup.
  LEXICON_STATUS: 'wildlens.lexiconStatus',
  // string[]: listing keys (platform|listing id, or URL) this moderator reported.
  REPORTED: 'wildlens.reported',
  // boolean: the options page was opened once to ask for hover-card screenshots.
  SCREENSHOT_ASKED: 'wildlens.screenshotPermissionAsked',
});

// background -> engine (the offscreen document): the engine host answers only these,
// and only from the background (sender.url is the service worker's).
export const ENGINE_MSG = Object.freeze({
  // {type} -> {ok: true, info: {version, contentSha256, terms, profiles}, timings} |
  //   {ok: false, error}: waits until the engine has started and loaded its bundle.
  STATUS: 'wildlens/engine/status',
  // {type, batch: [{id, text}]} -> {ok: true, lexiconVersion, resultsJSON: string (JSON of
  //   [Result])} | {ok: false, error}. The background parses resultsJSON for MSG.SCAN.
  SCAN: 'wildlens/engine/scan',
  // {type, termId} -> {ok: true, term: Term, lexiconVersion} | {ok: false, error}
  DESCRIBE: 'wildlens/engine/describe',
  // {type, url} -> {ok: true, profile: Profile | null, lexiconVersion}
  PROFILE: 'wildlens/engine/profile',
  // {type, bundle: string (base64 of a signed bundle)} -> {ok: true, info} | {ok: false, error}:
  //   verified against the trusted keys; a refused bundle leaves the current one loaded.
  LOAD: 'wildlens/engine/load',
  // {type, feed: string} -> {ok: true}: follow this lexicon feed (engine/updates.js).
  FEED: 'wildlens/engine/feed',
  // {type} -> {ok: true, status}: check the feed now (the poll fallback, and the popup).
  CHECK: 'wildlens/engine/check',
});

// What the background accepts from a content script; anything larger is refused, so
// the content script splits its batches to fit.
export const LIMITS = Object.freeze({
  BATCH_LISTINGS: 5000, // listings in one SCAN
  BATCH_UNITS: 4 * 1024 * 1024, // UTF-16 units of text in one SCAN, all listings together
  ID_UNITS: 256, // a listing id or a term id
  URL_UNITS: 8192,
});

// The categories a moderator may give a report, in the order offered: the same closed
// list as the server's (server/category.go Categories; TestExtensionCategories checks
// the two agree). Labels are the messages category_<name> in _locales.
export const REPORT_CATEGORIES = Object.freeze([
  'ivory', 'rhino_horn', 'pangolin', 'big_cat', 'bear', 'primate', 'reptile', 'bird', 'marine', 'medicine', 'other',
]);
